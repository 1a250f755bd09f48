package dev.blueprint.internal.auth;

import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.spi.StoredConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** {@code auth.mode: basic}: HTTP Basic (RFC 7617) with a username and password stored per connection. */
public final class BasicAuthentication implements Authenticator {
    private final String integration;

    public BasicAuthentication(String integration) {
        this.integration = integration;
    }

    @Override
    public AppliedCredential credential(String connectionId, Optional<StoredConnection> connection, Secret rejected) {
        Credentials.Basic basic = StoredCredentials.require(integration, "basic", connectionId, connection,
                Credentials.Basic.class, "a username and password");
        String pair = basic.username() + ":" + basic.password().reveal();
        return new AppliedCredential.Header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)), Optional.empty());
    }
}
