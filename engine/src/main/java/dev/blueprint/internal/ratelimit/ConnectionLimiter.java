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
    private long nextTicket;
    private final java.util.TreeSet<Long> inFlight = new java.util.TreeSet<>();
    private final Optional<SlidingBudget> budget;

    public ConnectionLimiter(Optional<SlidingBudget> budget) {
        this.budget = budget;
    }

    /**
     * A reservation: either a ticket for a request that may go now, or how long to wait before asking again.
     *
     * @param delay  zero when the request may go
     * @param ticket identifies the request when its response is observed; -1 when waiting
     */
    public record Permit(Duration delay, long ticket) {
        public boolean granted() {
            return delay.isZero();
        }
    }

    /** Reserves a slot for one request, or says how long to wait before asking again. */
    public synchronized Permit reserve(Instant now) {
        if (now.isBefore(blockedUntil)) {
            return new Permit(Duration.between(now, blockedUntil), -1);
        }
        if (!now.isBefore(windowReset)) {
            remaining = -1; // a new window: nothing known until the next response says
        }
        if (remaining == 0 && windowReset.isAfter(now)) {
            return new Permit(Duration.between(now, windowReset), -1);
        }
        Duration budgetWait = budget.map(b -> b.reserve(now)).orElse(Duration.ZERO);
        if (!budgetWait.isZero()) {
            return new Permit(budgetWait, -1);
        }
        if (remaining > 0) {
            remaining--;
        }
        long ticket = nextTicket++;
        inFlight.add(ticket);
        return new Permit(Duration.ZERO, ticket);
    }

    /** Records a finished request and what its response said. */
    public synchronized void observe(long ticket, Observation observation, Instant now) {
        inFlight.remove(ticket);
        observation.waitUntil().ifPresent(until -> blockedUntil = max(blockedUntil, until));
        if (observation.remaining().isEmpty()) {
            return;
        }
        // Requests sent after this one and still in flight are not in the server's count yet; earlier ones may be.
        int sentLater = inFlight.tailSet(ticket, false).size();
        long announced = Math.max(0, observation.remaining().getAsLong() - sentLater);
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
    public synchronized void abandon(long ticket) {
        inFlight.remove(ticket);
    }

    /** When requests may flow again, if they are held back now. */
    public synchronized Optional<Instant> blockedUntil(Instant now) {
        return now.isBefore(blockedUntil) ? Optional.of(blockedUntil) : Optional.empty();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
