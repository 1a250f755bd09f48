package dev.blueprint.model;

import java.util.Objects;

/**
 * OAuth 2.0 client credentials grant (RFC 6749 §4.4): the integration's own client id and secret.
 *
 * @param client the token endpoint, scopes and refresh rules
 */
public record ClientCredentialsConfig(OAuthClientConfig client) implements OAuthConfig {
    public ClientCredentialsConfig {
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String mode() {
        return "oauth2_client_credentials";
    }
}
