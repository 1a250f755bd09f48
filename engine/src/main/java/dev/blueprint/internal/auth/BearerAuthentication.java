package dev.blueprint.internal.auth;

import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.spi.StoredConnection;
import java.util.Optional;

/** {@code auth.mode: bearer}: a static token stored per connection. */
public final class BearerAuthentication implements Authenticator {
    private final String integration;

    public BearerAuthentication(String integration) {
        this.integration = integration;
    }

    @Override
    public AppliedCredential credential(String connectionId, Optional<StoredConnection> connection, Secret rejected) {
        Credentials.Bearer bearer = StoredCredentials.require(integration, "bearer", connectionId, connection,
                Credentials.Bearer.class, "a bearer token");
        return new AppliedCredential.Header("Authorization", "Bearer " + bearer.token().reveal(), Optional.empty());
    }
}
