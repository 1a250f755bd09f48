package dev.blueprint.observe;

/** One token request, until its result; see {@link EngineObserver#tokenRequestStarted}. */
public interface TokenScope {
    /** Records nothing. */
    TokenScope NONE = result -> {
    };

    /** The request ended; called once. */
    void finished(TokenResult result);

    /** How a token request ended. */
    enum TokenResult {
        /** Tokens were issued and stored. */
        SUCCESS,
        /** The grant is gone (invalid_grant, an expired refresh token): the user must authorize again. */
        REAUTHORIZATION_REQUIRED,
        /** Any other failure: the provider refused, timed out or answered nonsense. */
        FAILURE
    }
}
