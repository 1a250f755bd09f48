package dev.blueprint.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.model.ResetFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The whole-number fast path reads every value exactly as the general (decimal) reader does. */
class TimeValuesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String[] WHOLE = {"0", "1", "59", " 42 ", "999999999", "1000000000", "1893456000", "999999999999",
        "1000000000000", "1893456000000", "999999999999999"};

    @Test
    void plainDigitsResetLikeTheSameNumberWrittenAsADecimal() {
        for (ResetFormat format : new ResetFormat[] {ResetFormat.EPOCH_SECONDS, ResetFormat.EPOCH_MILLIS,
            ResetFormat.DELTA_SECONDS, ResetFormat.AUTO}) {
            for (String value : WHOLE) {
                // "42.0" is not plain digits, so it takes the general path
                assertThat(TimeValues.reset(value, format, NOW)).as("%s %s", format, value)
                        .isEqualTo(TimeValues.reset(value.trim() + ".0", format, NOW)).isPresent();
            }
        }
    }

    @Test
    void onlyPlainDigitsTakeTheFastPath() {
        assertThat(TimeValues.plainDigits("1893456000", 15)).isEqualTo(1_893_456_000L);
        assertThat(TimeValues.plainDigits("  7 ", 15)).isEqualTo(7);
        assertThat(TimeValues.plainDigits("-1", 15)).isEqualTo(-1);
        assertThat(TimeValues.plainDigits("1.5", 15)).isEqualTo(-1);
        assertThat(TimeValues.plainDigits("", 15)).isEqualTo(-1);
        assertThat(TimeValues.plainDigits("1234567890123456", 15)).isEqualTo(-1);
        assertThat(TimeValues.plainDigits("12a", 15)).isEqualTo(-1);
    }

    @Test
    void aFarFutureResetIsHeldToTheHorizonOnBothPaths() {
        Instant horizon = NOW.plus(TimeValues.HORIZON);
        assertThat(TimeValues.reset("999999999999999", ResetFormat.EPOCH_SECONDS, NOW)).contains(horizon);
        assertThat(TimeValues.reset("999999999999999", ResetFormat.DELTA_SECONDS, NOW)).contains(horizon);
    }
}
