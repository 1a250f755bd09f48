package dev.blueprint.internal.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one connection (or one integration, for shared budgets) may send now. Shared by every thread that
 * uses the connection. It counts requests in flight against the last announced {@code remaining}, so many
 * threads together do not overshoot a window, and holds everyone back until the reset once it is used up.
 */
public final class ConnectionLimiter {
    private Instant blockedUntil = Instant.MIN;
    private long remaining = -1; // unknown
    private Instant windowReset = Instant.MIN;
    private int inFlight;
    private final Optional<SlidingBudget> budget;

    public ConnectionLimiter(Optional<SlidingBudget> budget) {
        this.budget = budget;
    }

    /**
     * Reserves a slot for one request, or says how long to wait before asking again.
     *
     * @return zero when the request may go now (the slot is then taken), else the wait
     */
    public synchronized Duration reserve(Instant now) {
        if (now.isBefore(blockedUntil)) {
            return Duration.between(now, blockedUntil);
        }
        if (!now.isBefore(windowReset)) {
            remaining = -1; // a new window: nothing known until the next response says
        }
        if (remaining == 0) {
            return windowReset.isAfter(now) ? Duration.between(now, windowReset) : Duration.ZERO;
        }
        Duration budgetWait = budget.map(b -> b.reserve(now)).orElse(Duration.ZERO);
        if (!budgetWait.isZero()) {
            return budgetWait;
        }
        if (remaining > 0) {
            remaining--;
        }
        inFlight++;
        return Duration.ZERO;
    }

    /** Records a finished request and what its response said. */
    public synchronized void observe(Observation observation, Instant now) {
        inFlight = Math.max(0, inFlight - 1);
        observation.waitUntil().ifPresent(until -> blockedUntil = max(blockedUntil, until));
        if (observation.remaining().isEmpty()) {
            return;
        }
        long announced = Math.max(0, observation.remaining().getAsLong() - inFlight);
        Instant reset = observation.resetAt().orElse(Instant.MIN);
        if (reset.isAfter(windowReset)) {
            windowReset = reset; // a later window: its count replaces ours
            remaining = announced;
        } else {
            // Responses arrive out of order: an older one must not raise what later ones lowered.
            remaining = remaining < 0 ? announced : Math.min(remaining, announced);
        }
        if (observation.exhausted() && reset.isAfter(now)) {
            blockedUntil = max(blockedUntil, reset);
        }
    }

    /** Records a request that ended without a response. */
    public synchronized void abandon() {
        inFlight = Math.max(0, inFlight - 1);
    }

    /** When requests may flow again, if they are held back now. */
    public synchronized Optional<Instant> blockedUntil(Instant now) {
        return now.isBefore(blockedUntil) ? Optional.of(blockedUntil) : Optional.empty();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
