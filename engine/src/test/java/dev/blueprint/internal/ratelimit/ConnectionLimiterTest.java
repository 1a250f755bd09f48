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

    private static Duration wait(ConnectionLimiter limiter, Instant now) {
        var slot = limiter.acquire(now);
        assertThat(slot.isRight()).as("a timed wait, not a wait for an answer").isTrue();
        return slot.get();
    }

    /** Whether the next request waits for an answer of one in flight (the estimate can only recover then). */
    private static boolean awaitsAnswer(ConnectionLimiter limiter, Instant now) {
        var slot = limiter.acquire(now);
        return slot.isLeft() && !slot.getLeft().isDone();
    }

    private static void go(ConnectionLimiter limiter, int requests) {
        for (int i = 0; i < requests; i++) {
            assertThat(wait(limiter, NOW)).as("request %d", i).isZero();
        }
    }

    @Test
    void requestsInFlightCountAgainstTheAnnouncedRemaining() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        go(limiter, 3);
        limiter.observe(remaining(3, RESET), NOW); // 2 still in flight, maybe not counted yet
        go(limiter, 1);
        assertThat(awaitsAnswer(limiter, NOW)).as("another could provoke a 429").isTrue();
    }

    @Test
    void estimateRecoversAsInFlightRequestsTurnOutToBeCounted() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        go(limiter, 8);
        limiter.observe(remaining(2, RESET), NOW);  // the server already counted all 8: 7 in flight make it look like 0
        assertThat(awaitsAnswer(limiter, NOW)).isTrue();
        for (int i = 0; i < 7; i++) {
            limiter.observe(remaining(3 + i, RESET), NOW); // processed earlier: nothing fresher
        }
        go(limiter, 2);                               // the 2 really left are used, not lost
        assertThat(awaitsAnswer(limiter, NOW)).isTrue();
        limiter.observe(remaining(1, RESET), NOW);
        limiter.observe(remaining(0, RESET), NOW);
        assertThat(wait(limiter, NOW)).as("announced 0: only the reset helps").isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void exhaustedWindowHoldsEveryoneUntilTheReset() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        go(limiter, 1);
        limiter.observe(remaining(0, NOW.plusSeconds(30)), NOW);
        assertThat(wait(limiter, NOW.plusSeconds(10))).isEqualTo(Duration.ofSeconds(20));
        assertThat(wait(limiter, NOW.plusSeconds(30))).isZero();
    }

    @Test
    void olderResponsesDoNotRaiseTheCount() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        go(limiter, 2);
        limiter.observe(remaining(1, RESET), NOW);   // the fresher state arrives first
        limiter.observe(remaining(9, RESET), NOW);   // an older one must not raise it
        go(limiter, 1);
        assertThat(awaitsAnswer(limiter, NOW)).isTrue();
    }

    @Test
    void aNewWindowReplacesTheCount() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        go(limiter, 1);
        limiter.observe(remaining(0, RESET), NOW);
        assertThat(wait(limiter, RESET)).isZero(); // the reset passed: unknown again, so go
        limiter.observe(remaining(99, RESET.plusSeconds(60)), RESET);
        for (int i = 0; i < 5; i++) {
            assertThat(wait(limiter, RESET)).isZero();
        }
    }

    @Test
    void aCrowdWaitingForTheResetStartsNoMoreThanAWindowHolds() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        go(limiter, 1);
        limiter.observe(remaining(2, RESET), NOW);   // the first answer of a window: it holds 3
        go(limiter, 2);
        limiter.observe(remaining(1, RESET), NOW);
        limiter.observe(remaining(0, RESET), NOW);
        for (int i = 0; i < 3; i++) {
            assertThat(wait(limiter, RESET)).as("request %d of the new window", i).isZero();
        }
        var fourth = limiter.acquire(RESET);
        assertThat(fourth.isLeft()).as("a fourth before any answer waits for one").isTrue();
        assertThat(fourth.getLeft()).isNotDone();
        limiter.observe(remaining(2, RESET.plusSeconds(60)), RESET); // the server counted only one so far
        assertThat(fourth.getLeft()).isDone();
        assertThat(awaitsAnswer(limiter, RESET)).as("2 left, 2 still in flight").isTrue();
        limiter.observe(remaining(1, RESET.plusSeconds(60)), RESET);
        limiter.observe(remaining(0, RESET.plusSeconds(60)), RESET);
        assertThat(wait(limiter, RESET)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aRequestEndingWithoutAnAnswerAlsoWakesTheWaiters() {
        ConnectionLimiter limiter = new ConnectionLimiter(Optional.empty());
        go(limiter, 1);
        limiter.observe(remaining(0, RESET), NOW);    // a window of one
        assertThat(wait(limiter, RESET)).isZero();
        var next = limiter.acquire(RESET);
        assertThat(next.isLeft()).isTrue();
        limiter.abandon();                            // a timeout: no count, but the slot is free again
        assertThat(next.getLeft()).isDone();
        assertThat(wait(limiter, RESET)).isZero();
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
