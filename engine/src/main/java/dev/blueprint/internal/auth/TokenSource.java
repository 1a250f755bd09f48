package dev.blueprint.internal.auth;

import dev.blueprint.Secret;
import java.util.concurrent.CompletableFuture;

/** Valid OAuth access tokens for an integration's connections; the OAuth grants live behind it. */
public interface TokenSource {
    /**
     * A valid access token for the connection, renewed first when it expires within the refresh margin.
     *
     * @param rejected the token a 401 just refused, to renew even if it looks valid; null otherwise
     * @throws dev.blueprint.MissingCredentialsException when the connection has no tokens
     * @throws dev.blueprint.ReauthorizationRequiredException when the grant is gone
     */
    Secret accessToken(String connectionId, Secret rejected);

    /**
     * {@link #accessToken} without blocking the caller: a valid token at once, else a future completed when the
     * renewal is done, which every caller waiting for the same connection shares. Fails as {@link #accessToken} throws.
     */
    CompletableFuture<Secret> accessTokenAsync(String connectionId, Secret rejected);
}
