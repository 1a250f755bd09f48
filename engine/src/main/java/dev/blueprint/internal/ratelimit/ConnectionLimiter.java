package dev.blueprint.internal.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import io.vavr.control.Either;

/**
 * What one connection (or one integration, for shared budgets) may send now. Shared by every thread that
 * uses the connection.
 *
 * <p>Within a window the server's count only goes down, so the lowest {@code remaining} announced is its
 * freshest state. Requests still in flight may not be in that count yet, so they are subtracted: the estimate
 * is {@code freshest - inFlight}. When that estimate says no but the server still announced some left, a request
 * waits for the next answer rather than for the reset: the estimate recovers as requests finish, and nothing
 * conservative is locked in. Once the server announces 0, everyone waits for the reset.
 *
 * <p>When a new window begins nothing is announced yet, but the window is no larger than the largest one seen
 * ({@code remaining + 1} of any response), so at most that many start before the window's first answer: a
 * crowd that queued up for the reset cannot overrun it. Waiting for an answer takes no time of its own, so a
 * virtual clock does not move while requests wait on each other.
 */
public final class ConnectionLimiter {
    private Instant blockedUntil = Instant.MIN;
    private Instant windowReset = Instant.MIN;
    private long freshestRemaining = -1; // unknown
    private long windowCapacity = -1;    // unknown until a response announces a count
    private CompletableFuture<Void> nextAnswer; // completed by the next finished request, for those waiting on it
    private int inFlight;
    private final Optional<? extends RequestBudget> budget;
    private final Optional<SharedBlock> shared;

    public ConnectionLimiter(Optional<? extends RequestBudget> budget) {
        this(budget, Optional.empty());
    }

    /** With {@code shared}, a "remaining 0 until the reset" one instance hears holds every instance. */
    public ConnectionLimiter(Optional<? extends RequestBudget> budget, Optional<SharedBlock> shared) {
        this.budget = budget;
        this.shared = shared;
    }

    /**
     * Reserves a slot for one request, or says what to wait for before asking again.
     *
     * @return right: zero when the request may go now (the slot is then taken), else how long to wait; left: a
     *     future completed when a request in flight finishes, after which the caller asks again
     */
    public synchronized Either<CompletableFuture<Void>, Duration> acquire(Instant now) {
        Instant blocked = shared.map(SharedBlock::until).filter(b -> b.isAfter(blockedUntil)).orElse(blockedUntil);
        if (now.isBefore(blocked)) {
            return Either.right(Duration.between(now, blocked));
        }
        if (!now.isBefore(windowReset)) {
            freshestRemaining = -1; // a new window: nothing known until a response says
        }
        if (freshestRemaining == 0 && windowReset.isAfter(now)) {
            return Either.right(Duration.between(now, windowReset));
        }
        // What may still go: the announced count, or at the start of a window the largest window seen.
        long allowance = freshestRemaining >= 0 ? freshestRemaining : windowCapacity;
        if (allowance > 0 && allowance - inFlight <= 0) {
            if (nextAnswer == null) {
                nextAnswer = new CompletableFuture<>();
            }
            return Either.left(nextAnswer); // inFlight > 0 here, so some request will complete it
        }
        Duration budgetWait = budget.map(b -> b.reserve(now)).orElse(Duration.ZERO);
        if (!budgetWait.isZero()) {
            return Either.right(budgetWait);
        }
        inFlight++;
        return Either.right(Duration.ZERO);
    }

    /** Records a finished request and what its response said. */
    public void observe(Observation observation, Instant now) {
        CompletableFuture<Void> answered;
        synchronized (this) {
            record(observation, now);
            if (blockedUntil.isAfter(now)) {
                Instant block = blockedUntil;
                shared.ifPresent(s -> s.extend(block));
            }
            answered = takeNextAnswer();
        }
        wake(answered);
    }

    /** Records a request that ended without a response. */
    public void abandon() {
        CompletableFuture<Void> answered;
        synchronized (this) {
            inFlight = Math.max(0, inFlight - 1);
            answered = takeNextAnswer();
        }
        wake(answered);
    }

    private void record(Observation observation, Instant now) {
        inFlight = Math.max(0, inFlight - 1);
        observation.waitUntil().ifPresent(until -> blockedUntil = max(blockedUntil, until));
        if (observation.remaining().isEmpty()) {
            return;
        }
        long announced = Math.max(0, observation.remaining().getAsLong());
        windowCapacity = Math.max(windowCapacity, announced + 1);
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

    private CompletableFuture<Void> takeNextAnswer() {
        CompletableFuture<Void> answered = nextAnswer;
        nextAnswer = null;
        return answered;
    }

    // Outside the lock: whoever waited continues, and may ask for a slot again.
    private static void wake(CompletableFuture<Void> answered) {
        if (answered != null) {
            answered.complete(null);
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
