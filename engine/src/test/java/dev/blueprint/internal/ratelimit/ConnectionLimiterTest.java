package dev.blueprint.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Instant RESET = NOW.plusSeconds(60);

    private static Observation remaining(long remaining, Instant reset) {
        return new Observation(false, OptionalLong.of(remaining), Optional.of(reset), Optional.empty());
    }

    private static void go(ConnectionLimiter limiter, int requests) {
        for (int i = 0; i < requests; i++) {
            assertThat(limiter.reserve(NOW)).as("request %d", i).isZero();
        }
    }

    @Test
    void requestsInFlightCountAgainstTheAnnouncedRemaining() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        go(limiter, 3);
        limiter.observe(remaining(3, RESET), NOW); // 2 still in flight, maybe not counted yet
        go(limiter, 1);
        assertThat(limiter.reserve(NOW)).isEqualTo(Duration.ofSeconds(60)); // another could provoke a 429
    }

    @Test
    void estimateRecoversAsInFlightRequestsTurnOutToBeCounted() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        go(limiter, 8);
        limiter.observe(remaining(2, RESET), NOW);  // the server already counted all 8: 7 in flight make it look like 0
        assertThat(limiter.reserve(NOW)).isPositive();
        for (int i = 0; i < 7; i++) {
            limiter.observe(remaining(3 + i, RESET), NOW); // processed earlier: nothing fresher
        }
        go(limiter, 2);                               // the 2 really left are used, not lost
        assertThat(limiter.reserve(NOW)).isPositive();
    }

    @Test
    void exhaustedWindowHoldsEveryoneUntilTheReset() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        go(limiter, 1);
        limiter.observe(remaining(0, NOW.plusSeconds(30)), NOW);
        assertThat(limiter.reserve(NOW.plusSeconds(10))).isEqualTo(Duration.ofSeconds(20));
        assertThat(limiter.reserve(NOW.plusSeconds(30))).isZero();
    }

    @Test
    void olderResponsesDoNotRaiseTheCount() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        go(limiter, 2);
        limiter.observe(remaining(1, RESET), NOW);   // the fresher state arrives first
        limiter.observe(remaining(9, RESET), NOW);   // an older one must not raise it
        go(limiter, 1);
        assertThat(limiter.reserve(NOW)).isPositive();
    }

    @Test
    void aNewWindowReplacesTheCount() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        go(limiter, 1);
        limiter.observe(remaining(0, RESET), NOW);
        assertThat(limiter.reserve(RESET)).isZero(); // the reset passed: unknown again, so go
        limiter.observe(remaining(99, RESET.plusSeconds(60)), RESET);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.reserve(RESET)).isZero();
        }
    }

    @Test
    void budgetAllowsBurstsUpToTheBudgetThenPaces() {
        SlidingBudget budget = new SlidingBudget(2, Duration.ofSeconds(10));
        assertThat(budget.reserve(NOW)).isZero();
        assertThat(budget.reserve(NOW.plusSeconds(1))).isZero();
        assertThat(budget.reserve(NOW.plusSeconds(2))).isEqualTo(Duration.ofSeconds(8));
        assertThat(budget.reserve(NOW.plusSeconds(10))).isZero();
    }
}
