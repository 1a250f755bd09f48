package dev.blueprint.observe;

import java.time.Duration;

/** One call, from its start to its result; see {@link EngineObserver#callStarted}. Methods have no-op defaults. */
public interface CallScope {
    /** Records nothing. */
    CallScope NONE = new CallScope() {
    };

    /** The call will be attempted again after {@code delay}, because of {@code reason}. */
    default void retrying(int attempt, RetryReason reason, Duration delay) {
    }

    /** The call waits before its next attempt; the returned scope is closed when the wait is over. */
    default WaitScope waiting(WaitKind kind, Duration planned) {
        return WaitScope.NONE;
    }

    /** The call ended, with a response or a failure; called once. */
    default void finished(CallResult result) {
    }

    /** Why an attempt is repeated. */
    enum RetryReason {
        /** A throttling answer (a rate-limit status or body signal); the next attempt waits for the announced time. */
        THROTTLED,
        /** A status the retry policy repeats (a 503, say). */
        ERROR_STATUS,
        /** No answer within the timeout. */
        TIMEOUT,
        /** The connection failed or was reset. */
        CONNECTION_ERROR,
        /** Anything else the policy repeats. */
        OTHER
    }

    /** Why a call waits. */
    enum WaitKind {
        /** Held back by the rate-limit gate: no requests left until a reset, a budget, or an announced wait. */
        PACING,
        /** Backing off between attempts after an error. */
        BACKOFF
    }
}
