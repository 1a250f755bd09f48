package dev.blueprint.internal.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A declared budget of {@code requests} per {@code period}: a sliding log of send times, so no window of
 * that length ever holds more than the budget, while bursts up to the budget go at once.
 */
public final class SlidingBudget implements RequestBudget {
    private final int requests;
    private final Duration period;
    private final Deque<Instant> sent = new ArrayDeque<>();

    public SlidingBudget(int requests, Duration period) {
        this.requests = requests;
        this.period = period;
    }

    /** Zero and a slot taken when a request may go now, else how long until one may. */
    @Override
    public synchronized Duration reserve(Instant now) {
        while (!sent.isEmpty() && !sent.peekFirst().plus(period).isAfter(now)) {
            sent.pollFirst();
        }
        if (sent.size() < requests) {
            sent.addLast(now);
            return Duration.ZERO;
        }
        return Duration.between(now, sent.peekFirst().plus(period));
    }
}
