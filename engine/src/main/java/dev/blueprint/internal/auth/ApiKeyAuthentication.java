package dev.blueprint.internal.auth;

import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.model.ApiKeyConfig;
import dev.blueprint.spi.StoredConnection;
import java.util.Optional;

/** {@code auth.mode: api_key}: a key stored per connection, in the header or query parameter the blueprint names. */
public final class ApiKeyAuthentication implements Authenticator {
    private final String integration;
    private final ApiKeyConfig config;

    public ApiKeyAuthentication(String integration, ApiKeyConfig config) {
        this.integration = integration;
        this.config = config;
    }

    @Override
    public AppliedCredential credential(String connectionId, Optional<StoredConnection> connection, Secret rejected) {
        Credentials.ApiKey key = StoredCredentials.require(integration, "api_key", connectionId, connection,
                Credentials.ApiKey.class, "an API key");
        String value = config.prefix() + key.key().reveal();
        return config.placement() == ApiKeyConfig.Placement.HEADER
                ? new AppliedCredential.Header(config.name(), value, Optional.empty())
                : new AppliedCredential.QueryParameter(config.name(), value);
    }
}
