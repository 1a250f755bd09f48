package dev.blueprint.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.model.RateLimitConfig;
import dev.blueprint.model.RateLimitConfig.ResetHeader;
import dev.blueprint.model.ResetFormat;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static RateLimitConfig config(List<Integer> statuses, ResetFormat format) {
        return new RateLimitConfig(statuses, List.of("retry-after"),
                Optional.of(new ResetHeader("x-ratelimit-reset", format)), Optional.of("x-ratelimit-remaining"),
                Optional.of("x-ratelimit-limit"), true, Duration.ofMinutes(2), Optional.empty());
    }

    private static HttpHeaders headers(String... pairs) {
        Map<String, List<String>> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return HttpHeaders.of(map, (a, b) -> true);
    }

    private static Observation read(int status, ResetFormat format, String... pairs) {
        return new RateLimitReader(config(List.of(429, 403), format)).read(status, headers(pairs), NOW);
    }

    @ParameterizedTest(name = "Retry-After: {0}")
    @CsvSource(delimiter = '|', value = {
            "120 | 120000",
            "2.5 | 2500",
            "0 | 0",
            "Sat, 28 Nov 2026 12:01:30 GMT | 90000"})
    void retryAfterAsSecondsDecimalsOrHttpDate(String value, long expectedMillis) {
        Observation observation = read(429, ResetFormat.AUTO, "retry-after", value);
        assertThat(observation.throttled()).isTrue();
        assertThat(observation.waitUntil()).contains(NOW.plusMillis(expectedMillis));
    }

    @ParameterizedTest(name = "{0} reset {1}")
    @CsvSource(delimiter = '|', value = {
            "EPOCH_SECONDS | 1795867230 | 2026-11-28T12:00:30Z",
            "EPOCH_MILLIS | 1795867230500 | 2026-11-28T12:00:30.500Z",
            "DELTA_SECONDS | 30 | 2026-11-28T12:00:30Z",
            "HTTP_DATE | Sat, 28 Nov 2026 12:00:30 GMT | 2026-11-28T12:00:30Z",
            "AUTO | 1795867230 | 2026-11-28T12:00:30Z",
            "AUTO | 1795867230500 | 2026-11-28T12:00:30.500Z",
            "AUTO | 30 | 2026-11-28T12:00:30Z",
            "AUTO | Sat, 28 Nov 2026 12:00:30 GMT | 2026-11-28T12:00:30Z",
            "AUTO | 2026-11-28T12:00:30 | 2026-11-28T12:00:30Z"})
    void resetHeaderInEveryFormat(ResetFormat format, String value, Instant expected) {
        Observation observation = read(200, format, "x-ratelimit-reset", value, "x-ratelimit-remaining", "0");
        assertThat(observation.resetAt()).contains(expected);
        assertThat(observation.exhausted()).isTrue();
        assertThat(observation.throttled()).isFalse();
    }

    @Test
    void ietfStructuredFieldsGiveRemainingAndTheResetOfTheExhaustedPolicy() {
        Observation observation = read(200, ResetFormat.AUTO,
                "ratelimit", "\"default\";r=0;t=30, \"daily\";r=500;t=3600", "ratelimit-policy", "\"default\";q=100;w=60");
        assertThat(observation.remaining()).hasValue(0);
        // The exhausted policy's window, not the daily one beside it (this read 3600 before policies were told apart).
        assertThat(observation.resetAt()).contains(NOW.plusSeconds(30));
    }

    @Test
    void aThrottledAnswerWaitsForTheExhaustedPolicyNotTheLongestOne() {
        Observation observation = read(429, ResetFormat.AUTO, "ratelimit", "\"burst\";r=0;t=3, \"daily\";r=4000;t=86000");
        assertThat(observation.waitUntil()).contains(NOW.plusSeconds(3));
        assertThat(observation.remaining()).hasValue(0);
    }

    @Test
    void theOlderDraftsDictionaryIsRead() {
        Observation observation = read(429, ResetFormat.AUTO, "ratelimit", "limit=100, remaining=0, reset=30");
        assertThat(observation.remaining()).hasValue(0);
        assertThat(observation.waitUntil()).contains(NOW.plusSeconds(30));
    }

    @ParameterizedTest(name = "Retry-After: {0}")
    @CsvSource(delimiter = '|', value = {
            "Sat, 28 Nov 2026 12:01:30 GMT",
            "Saturday, 28-Nov-26 12:01:30 GMT",
            "Sat Nov 28 12:01:30 2026"})
    void retryAfterInEachOfTheThreeHttpDateForms(String value) {
        assertThat(read(429, ResetFormat.AUTO, "retry-after", value).waitUntil()).contains(NOW.plusSeconds(90));
    }

    @Test
    void asctimeWithASingleDigitDayIsRead() {
        assertThat(TimeValues.httpDate("Sun Nov  6 08:49:37 1994")).contains(Instant.parse("1994-11-06T08:49:37Z"));
        assertThat(TimeValues.httpDate("Sunday, 06-Nov-94 08:49:37 GMT")).contains(Instant.parse("1994-11-06T08:49:37Z"));
    }

    @Test
    void aRetriedStatusWithRetryAfterWaitsForItWithoutBeingThrottling() {
        RateLimitReader reader = new RateLimitReader(config(List.of(429), ResetFormat.AUTO), java.util.Set.of(503));
        Observation unavailable = reader.read(503, headers("retry-after", "7"), NOW);
        assertThat(unavailable.throttled()).isFalse();
        assertThat(unavailable.waitUntil()).contains(NOW.plusSeconds(7));
        assertThat(reader.read(500, headers("retry-after", "7"), NOW).waitUntil()).as("500 is not retried here").isEmpty();
    }

    @Test
    void aForbiddenAnswerWithRetryAfterIsGitHubsSecondaryLimit() {
        Observation secondary = read(403, ResetFormat.EPOCH_SECONDS, "retry-after", "60", "x-ratelimit-remaining", "4000");
        assertThat(secondary.throttled()).isTrue();
        assertThat(secondary.waitUntil()).contains(NOW.plusSeconds(60));
    }

    @Test
    void aRemainingCountGivenAsUsedOfLimit() {
        RateLimitConfig shopify = new RateLimitConfig(List.of(429), List.of("retry-after"), Optional.empty(),
                Optional.of("x-shopify-shop-api-call-limit"), Optional.empty(), false, Duration.ofMinutes(2), Optional.empty(),
                RateLimitConfig.RemainingFormat.USED_OF_LIMIT, Optional.empty());
        RateLimitReader reader = new RateLimitReader(shopify);
        assertThat(reader.read(200, headers("x-shopify-shop-api-call-limit", "39/40"), NOW).remaining()).hasValue(1);
        assertThat(reader.read(200, headers("x-shopify-shop-api-call-limit", "40/40"), NOW).exhausted()).isTrue();
        assertThat(reader.read(200, headers("x-shopify-shop-api-call-limit", "lots"), NOW).remaining()).isEmpty();
    }

    @Test
    void aThrottlingSignalInTheBodyAsGraphQlApisSendIt() {
        RateLimitConfig linear = new RateLimitConfig(List.of(429), List.of("retry-after"), Optional.empty(), Optional.empty(),
                Optional.empty(), false, Duration.ofMinutes(2), Optional.empty(), RateLimitConfig.RemainingFormat.COUNT,
                Optional.of(new RateLimitConfig.BodySignal(List.of(400, 200), "/errors/0/extensions/code", List.of("RATELIMITED"),
                        Optional.of("/errors/0/extensions/retryAfter"), ResetFormat.DELTA_SECONDS)));
        RateLimitReader reader = new RateLimitReader(linear);
        String limited = "{\"errors\":[{\"message\":\"slow down\",\"extensions\":{\"code\":\"RATELIMITED\",\"retryAfter\":12}}]}";
        Observation observation = reader.read(400, headers(), limited, NOW);
        assertThat(observation.throttled()).isTrue();
        assertThat(observation.waitUntil()).contains(NOW.plusSeconds(12));
        assertThat(reader.read(400, headers(), "{\"errors\":[{\"extensions\":{\"code\":\"BAD_INPUT\"}}]}", NOW).throttled()).isFalse();
        assertThat(reader.read(400, headers(), "not json", NOW).throttled()).isFalse();
        assertThat(reader.read(500, headers(), limited, NOW).throttled()).as("a status the signal does not name").isFalse();
    }

    @Test
    void olderIetfDraftHeadersAreRead() {
        Observation observation = read(429, ResetFormat.AUTO, "ratelimit-remaining", "0", "ratelimit-reset", "45");
        assertThat(observation.throttled()).isTrue();
        assertThat(observation.waitUntil()).contains(NOW.plusSeconds(45));
    }

    @Test
    void olderDraftResetGivenAsAnEpochTimeIsReadAsOne() {
        Observation observation = read(429, ResetFormat.AUTO, "ratelimit-remaining", "0", "ratelimit-reset", "1795867245");
        assertThat(observation.waitUntil()).contains(NOW.plusSeconds(45));
    }

    @Test
    void forbiddenCountsAsThrottlingOnlyWithRemainingZero() {
        assertThat(read(403, ResetFormat.EPOCH_SECONDS, "x-ratelimit-remaining", "0", "x-ratelimit-reset", "1795867260").throttled()).isTrue();
        assertThat(read(403, ResetFormat.EPOCH_SECONDS, "x-ratelimit-remaining", "12").throttled()).isFalse();
        assertThat(read(403, ResetFormat.EPOCH_SECONDS).throttled()).isFalse();
    }

    @Test
    void severalSignalsTheLongestWaitWins() {
        Observation observation = read(429, ResetFormat.DELTA_SECONDS,
                "retry-after", "10", "x-ratelimit-reset", "40", "ratelimit", "\"minute\";r=0;t=25");
        assertThat(observation.waitUntil()).contains(NOW.plusSeconds(40));
    }

    @Test
    void garbageValuesAreIgnored() {
        Observation observation = read(429, ResetFormat.EPOCH_SECONDS, "retry-after", "soon", "x-ratelimit-reset", "later",
                "x-ratelimit-remaining", "many");
        assertThat(observation.throttled()).isTrue();
        assertThat(observation.waitUntil()).isEmpty();
        assertThat(observation.remaining()).isEmpty();
    }

    @Test
    void statusesOutsideTheListAreNotThrottling() {
        assertThat(read(503, ResetFormat.AUTO, "retry-after", "5").throttled()).isFalse();
        assertThat(Arrays.asList(ResetFormat.values())).hasSize(5);
    }
}
