package dev.blueprint.model;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * OAuth 2.0 authorization code flow (RFC 6749 §4.1), with PKCE (RFC 7636) unless disabled.
 *
 * @param authorizationUrl    where the user consents
 * @param tokenUrl            where codes and refresh tokens are exchanged
 * @param authorizationParams extra query parameters of the authorization URL
 * @param tokenParams         extra parameters of every token request
 * @param tokenRequestAuth    client authentication at the token endpoint (default client_secret_post)
 * @param tokenRequestFormat  token request body format (default form)
 * @param scopeSeparator      joins scopes in the {@code scope} parameter (default a space)
 * @param defaultScopes       scopes requested when the integration names none
 * @param pkce                whether to send a PKCE S256 challenge (default true)
 * @param refresh             refresh rules
 */
public record OAuth2Config(
        URI authorizationUrl,
        URI tokenUrl,
        Map<String, String> authorizationParams,
        Map<String, String> tokenParams,
        TokenRequestAuth tokenRequestAuth,
        TokenRequestFormat tokenRequestFormat,
        String scopeSeparator,
        List<String> defaultScopes,
        boolean pkce,
        RefreshPolicy refresh) implements AuthConfig {

    public OAuth2Config {
        Objects.requireNonNull(authorizationUrl, "authorizationUrl");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        authorizationParams = Map.copyOf(authorizationParams);
        tokenParams = Map.copyOf(tokenParams);
        Objects.requireNonNull(tokenRequestAuth, "tokenRequestAuth");
        Objects.requireNonNull(tokenRequestFormat, "tokenRequestFormat");
        Objects.requireNonNull(scopeSeparator, "scopeSeparator");
        defaultScopes = List.copyOf(defaultScopes);
        Objects.requireNonNull(refresh, "refresh");
    }

    @Override
    public String mode() {
        return "oauth2";
    }
}
