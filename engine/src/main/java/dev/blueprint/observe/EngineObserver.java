package dev.blueprint.observe;

/**
 * Hears what the engine does, as it does it. Implementations must be thread-safe and quick: they run on the calling
 * thread. Every method has a no-op default, so an observer implements only what it records; {@link #NONE} records
 * nothing. The blueprint-micrometer module turns these into Micrometer observations (metrics and traces).
 */
public interface EngineObserver {
    /** Records nothing. */
    EngineObserver NONE = new EngineObserver() {
    };

    /** An API call begins (one {@code send()}, its retries included); the returned scope hears the rest of it. */
    default CallScope callStarted(CallInfo call) {
        return CallScope.NONE;
    }

    /** A request to the token endpoint begins (a renewal, a first client-credentials token, a code exchange). */
    default TokenScope tokenRequestStarted(TokenRequestInfo request) {
        return TokenScope.NONE;
    }
}
