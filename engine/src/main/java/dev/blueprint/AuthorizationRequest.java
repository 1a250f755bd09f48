package dev.blueprint;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * The start of an authorization code flow: send the user to {@link #url()}; the provider redirects back with
 * a code and {@link #state()}, which {@link Integration#completeAuthorization(URI)} checks once.
 *
 * @param url       the provider's authorization URL with client id, redirect URI, scopes, state and PKCE challenge
 * @param state     the CSRF token bound to this request
 * @param expiresAt after this instant the callback is refused
 */
public record AuthorizationRequest(URI url, String state, Instant expiresAt) {
    public AuthorizationRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * Whether a callback URL carries this request's state: a loopback or web callback can tell its own callback from a
     * forged or stale one before anything is exchanged.
     */
    public boolean isCallbackFor(URI callback) {
        return CallbackParameters.state(callback).filter(state::equals).isPresent();
    }
}
