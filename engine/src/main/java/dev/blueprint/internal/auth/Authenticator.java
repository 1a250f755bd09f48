package dev.blueprint.internal.auth;

import dev.blueprint.Secret;
import dev.blueprint.spi.StoredConnection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Puts a connection's credentials on requests the way one auth mode says. The assembly chooses one per integration
 * ({@link NoAuthentication}, {@link BearerAuthentication}, {@link BasicAuthentication}, {@link ApiKeyAuthentication},
 * {@link OAuthAuthentication}); nothing else dispatches on the mode.
 */
public interface Authenticator {
    /**
     * What goes on a request to the API's origin for {@code connectionId}.
     *
     * @param connection the connection as stored, if it is
     * @param rejected   an access token the API just refused with 401, to be replaced; null otherwise
     * @throws dev.blueprint.MissingCredentialsException when the connection lacks what the mode needs
     */
    AppliedCredential credential(String connectionId, Optional<StoredConnection> connection, Secret rejected);

    /**
     * {@link #credential} for a caller that must not block: modes whose credentials are stored as they are answer at
     * once; OAuth answers when a due renewal is done, holding no thread per waiting request.
     */
    default CompletableFuture<AppliedCredential> credentialAsync(String connectionId, Optional<StoredConnection> connection,
                                                                 Secret rejected) {
        try {
            return CompletableFuture.completedFuture(credential(connectionId, connection, rejected));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
