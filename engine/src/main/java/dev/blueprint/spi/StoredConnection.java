package dev.blueprint.spi;

import dev.blueprint.Credentials;
import java.util.Map;
import java.util.Objects;

/**
 * One connection of one integration, as a {@link CredentialStore} keeps it.
 *
 * @param integration  the integration's name
 * @param connectionId the caller's id for the connection, e.g. a customer id
 * @param config       values of the blueprint's connection_config fields
 * @param credentials  what the connection authenticates with
 */
public record StoredConnection(String integration, String connectionId, Map<String, String> config, Credentials credentials) {
    public StoredConnection {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(connectionId, "connectionId");
        config = Map.copyOf(config);
        Objects.requireNonNull(credentials, "credentials");
    }

    public StoredConnection withCredentials(Credentials newCredentials) {
        return new StoredConnection(integration, connectionId, config, newCredentials);
    }
}
