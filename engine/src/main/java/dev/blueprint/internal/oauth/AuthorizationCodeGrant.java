package dev.blueprint.internal.oauth;

import java.util.LinkedHashMap;
import java.util.Map;

/** The authorization code grant's exchange (RFC 6749 §4.1.3), with the PKCE verifier (RFC 7636 §4.5) when one was sent. */
public final class AuthorizationCodeGrant {
    private final TokenEndpoint endpoint;
    private final IssuedTokens issued;

    public AuthorizationCodeGrant(TokenEndpoint endpoint, IssuedTokens issued) {
        this.endpoint = endpoint;
        this.issued = issued;
    }

    /**
     * The tokens to store for a code from the callback, requested from the token URL of a connection with these
     * connection_config values.
     */
    Granted exchange(String code, String redirectUri, String codeVerifier, Map<String, String> connectionConfig) {
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "authorization_code");
        grant.put("code", code);
        grant.put("redirect_uri", redirectUri);
        if (codeVerifier != null) {
            grant.put("code_verifier", codeVerifier);
        }
        TokenResponse response = endpoint.request(grant, connectionConfig);
        return new Granted(issued.from(response, null), response.learned());
    }
}
