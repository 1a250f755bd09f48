package dev.blueprint.model;

import java.util.Map;
import java.util.Objects;

/**
 * OAuth 2.0 authorization code flow (RFC 6749 §4.1), with PKCE (RFC 7636) unless disabled.
 *
 * @param authorizationUrl    where the user consents: a URL that may hold {@code {{connection.NAME}}} values
 * @param authorizationParams extra query parameters of the authorization URL, which may hold them too
 * @param pkce                whether to send a PKCE S256 challenge (default true)
 * @param client              the token endpoint, scopes and refresh rules
 */
public record OAuth2Config(String authorizationUrl, Map<String, String> authorizationParams, boolean pkce, OAuthClientConfig client)
        implements OAuthConfig {

    public OAuth2Config {
        Objects.requireNonNull(authorizationUrl, "authorizationUrl");
        authorizationParams = Map.copyOf(authorizationParams);
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String mode() {
        return "oauth2";
    }
}
