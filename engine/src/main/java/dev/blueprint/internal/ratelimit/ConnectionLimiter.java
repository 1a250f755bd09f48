package dev.blueprint.internal.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What one connection (or one integration, for shared budgets) may send now. Shared by every thread that
 * uses the connection.
 *
 * <p>Within a window the server's count only goes down, so the lowest {@code remaining} announced is its
 * freshest state. Requests still in flight may not be in that count yet, so they are subtracted: the estimate
 * is {@code freshest - inFlight}. As those requests finish, the estimate recovers by itself; nothing
 * conservative is locked in. Once the window is used up, everyone waits for the reset.
 */
public final class ConnectionLimiter {
    private Instant blockedUntil = Instant.MIN;
    private Instant windowReset = Instant.MIN;
    private long freshestRemaining = -1; // unknown
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
            freshestRemaining = -1; // a new window: nothing known until a response says
        }
        if (freshestRemaining >= 0 && freshestRemaining - inFlight <= 0 && windowReset.isAfter(now)) {
            return Duration.between(now, windowReset);
        }
        Duration budgetWait = budget.map(b -> b.reserve(now)).orElse(Duration.ZERO);
        if (!budgetWait.isZero()) {
            return budgetWait;
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
        long announced = Math.max(0, observation.remaining().getAsLong());
        Instant reset = observation.resetAt().orElse(windowReset);
        if (reset.isAfter(windowReset)) {
            windowReset = reset; // a later window: its count replaces what we knew
            freshestRemaining = announced;
        } else if (freshestRemaining < 0 || announced < freshestRemaining) {
            freshestRemaining = announced;
        }
        if (observation.exhausted() && reset.isAfter(now)) {
            blockedUntil = max(blockedUntil, reset);
        }
    }

    /** Records a request that ended without a response. */
    public synchronized void abandon() {
        inFlight = Math.max(0, inFlight - 1);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
