package dev.blueprint.spi;

import dev.blueprint.Credentials;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One connection of one integration, as a {@link CredentialStore} keeps it.
 *
 * @param integration         the integration's name
 * @param connectionId        the caller's id for the connection, e.g. a customer id
 * @param config              values of the blueprint's connection_config fields
 * @param credentials         what the connection authenticates with
 * @param reauthorizationReason present when the grant is gone and the user must authorize again
 */
public record StoredConnection(String integration, String connectionId, Map<String, String> config, Credentials credentials,
                               Optional<String> reauthorizationReason) {
    public StoredConnection {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(connectionId, "connectionId");
        config = Map.copyOf(config);
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(reauthorizationReason, "reauthorizationReason");
    }

    public StoredConnection(String integration, String connectionId, Map<String, String> config, Credentials credentials) {
        this(integration, connectionId, config, credentials, Optional.empty());
    }

    /** The same connection with new credentials; a reauthorization mark is cleared. */
    public StoredConnection withCredentials(Credentials newCredentials) {
        return new StoredConnection(integration, connectionId, config, newCredentials, Optional.empty());
    }

    /** The same connection marked as needing the user again. */
    public StoredConnection needingReauthorization(String reason) {
        return new StoredConnection(integration, connectionId, config, credentials, Optional.of(reason));
    }
}
