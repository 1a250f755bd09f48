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

    private static long go(ConnectionLimiter limiter) {
        ConnectionLimiter.Permit permit = limiter.reserve(NOW);
        assertThat(permit.granted()).isTrue();
        return permit.ticket();
    }

    @Test
    void requestsSentLaterCountAgainstTheAnnouncedRemaining() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        Instant reset = NOW.plusSeconds(60);
        long first = go(limiter);
        long second = go(limiter);
        long third = go(limiter);
        limiter.observe(first, remaining(3, reset), NOW); // second and third were sent after first: not counted yet
        assertThat(limiter.reserve(NOW).granted()).isTrue();
        assertThat(limiter.reserve(NOW).delay()).isEqualTo(Duration.ofSeconds(60)); // a second one would provoke a 429
        limiter.observe(second, remaining(2, reset), NOW);
        limiter.observe(third, remaining(1, reset), NOW);
        assertThat(limiter.reserve(NOW).granted()).isFalse();
    }

    @Test
    void requestsSentEarlierAreAlreadyInTheServersCount() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        Instant reset = NOW.plusSeconds(60);
        long first = go(limiter);
        long second = go(limiter);
        limiter.observe(second, remaining(5, reset), NOW); // first, sent earlier, is already counted by the server
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.reserve(NOW).granted()).as("request %d", i).isTrue();
        }
        assertThat(limiter.reserve(NOW).granted()).isFalse();
        limiter.abandon(first);
    }

    @Test
    void exhaustedWindowHoldsEveryoneUntilTheReset() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        long ticket = go(limiter);
        limiter.observe(ticket, remaining(0, NOW.plusSeconds(30)), NOW);
        assertThat(limiter.reserve(NOW.plusSeconds(10)).delay()).isEqualTo(Duration.ofSeconds(20));
        assertThat(limiter.reserve(NOW.plusSeconds(30)).granted()).isTrue();
    }

    @Test
    void olderResponsesDoNotRaiseTheCount() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        Instant reset = NOW.plusSeconds(60);
        limiter.observe(go(limiter), remaining(10, reset), NOW);  // learn the window: 10 left
        long early = go(limiter);
        long late = go(limiter);
        limiter.observe(late, remaining(2, reset), NOW);    // the later request's answer arrives first
        limiter.observe(early, remaining(9, reset), NOW);   // the earlier one's must not raise the count
        assertThat(limiter.reserve(NOW).granted()).isTrue();
        assertThat(limiter.reserve(NOW).granted()).isTrue();
        assertThat(limiter.reserve(NOW).granted()).isFalse();
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
