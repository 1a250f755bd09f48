package dev.blueprint.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every OAuth grant of a blueprint shares: the token endpoint and how to talk to it, the scopes, and when
 * tokens are renewed.
 *
 * @param tokenUrl           where codes, refresh tokens and client credentials are exchanged for tokens: a URL that
 *                           may hold {@code {{connection.NAME}}} values, rendered per connection
 * @param tokenParams        extra parameters of every token request
 * @param tokenRequestAuth   client authentication at the token endpoint (default client_secret_post)
 * @param tokenRequestFormat token request body format (default form)
 * @param scopeSeparator     joins scopes in the {@code scope} parameter (default a space)
 * @param defaultScopes      scopes requested when the integration names none
 * @param refresh            when access tokens are renewed
 * @param accessTokenPrefix  what precedes the access token in the {@code Authorization} header (default
 *                           {@code "Bearer "}; Zoho's APIs want {@code "Zoho-oauthtoken "})
 */
public record OAuthClientConfig(
        String tokenUrl,
        Map<String, String> tokenParams,
        TokenRequestAuth tokenRequestAuth,
        TokenRequestFormat tokenRequestFormat,
        String scopeSeparator,
        List<String> defaultScopes,
        RefreshPolicy refresh,
        String accessTokenPrefix) {

    public static final String BEARER = "Bearer ";

    /** Tokens sent as {@code Authorization: Bearer <token>}. */
    public OAuthClientConfig(String tokenUrl, Map<String, String> tokenParams, TokenRequestAuth tokenRequestAuth,
                             TokenRequestFormat tokenRequestFormat, String scopeSeparator, List<String> defaultScopes,
                             RefreshPolicy refresh) {
        this(tokenUrl, tokenParams, tokenRequestAuth, tokenRequestFormat, scopeSeparator, defaultScopes, refresh, BEARER);
    }

    public OAuthClientConfig {
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        tokenParams = Map.copyOf(tokenParams);
        Objects.requireNonNull(tokenRequestAuth, "tokenRequestAuth");
        Objects.requireNonNull(tokenRequestFormat, "tokenRequestFormat");
        Objects.requireNonNull(scopeSeparator, "scopeSeparator");
        defaultScopes = List.copyOf(defaultScopes);
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(accessTokenPrefix, "accessTokenPrefix");
    }
}
