package dev.blueprint.internal.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static Observation remaining(long remaining, Instant reset) {
        return new Observation(false, OptionalLong.of(remaining), Optional.of(reset), Optional.empty());
    }

    @Test
    void inFlightRequestsCountAgainstTheAnnouncedRemaining() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        Instant reset = NOW.plusSeconds(60);
        assertThat(limiter.reserve(NOW)).isZero();
        limiter.observe(remaining(3, reset), NOW); // 3 left, nothing else in flight
        assertThat(limiter.reserve(NOW)).isZero();
        assertThat(limiter.reserve(NOW)).isZero();
        assertThat(limiter.reserve(NOW)).isZero();
        assertThat(limiter.reserve(NOW)).isEqualTo(Duration.ofSeconds(60)); // a fourth would provoke a 429
    }

    @Test
    void exhaustedWindowHoldsEveryoneUntilTheReset() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        limiter.reserve(NOW);
        limiter.observe(remaining(0, NOW.plusSeconds(30)), NOW);
        assertThat(limiter.reserve(NOW.plusSeconds(10))).isEqualTo(Duration.ofSeconds(20));
        assertThat(limiter.reserve(NOW.plusSeconds(30))).isZero();
    }

    @Test
    void olderResponsesDoNotRaiseTheCount() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        Instant reset = NOW.plusSeconds(60);
        limiter.reserve(NOW);
        limiter.observe(remaining(10, reset), NOW);  // learn the window: 10 left
        limiter.reserve(NOW);
        limiter.reserve(NOW);
        limiter.observe(remaining(2, reset), NOW);   // the later request's answer arrives first: 2 left, 1 in flight
        limiter.observe(remaining(9, reset), NOW);   // the earlier one's answer arrives last and must not raise it
        assertThat(limiter.reserve(NOW)).isZero();
        assertThat(limiter.reserve(NOW)).isPositive();
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
