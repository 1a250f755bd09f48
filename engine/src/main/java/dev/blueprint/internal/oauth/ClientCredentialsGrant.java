package dev.blueprint.internal.oauth;

import dev.blueprint.Credentials;
import dev.blueprint.spi.StoredConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The client credentials grant (RFC 6749 §4.4): the integration's own id and secret buy every token, the first and each renewal. */
public final class ClientCredentialsGrant implements Renewal {
    private final TokenEndpoint endpoint;
    private final IssuedTokens issued;
    private final List<String> scopes;
    private final String scopeSeparator;

    public ClientCredentialsGrant(TokenEndpoint endpoint, IssuedTokens issued, List<String> scopes, String scopeSeparator) {
        this.endpoint = endpoint;
        this.issued = issued;
        this.scopes = List.copyOf(scopes);
        this.scopeSeparator = scopeSeparator;
    }

    /** A connection's first token. */
    Credentials.OAuth2Tokens fetch() {
        return issued.from(endpoint.request(grant()), null);
    }

    @Override
    public Credentials.OAuth2Tokens renew(StoredConnection connection, Credentials.OAuth2Tokens current) {
        return issued.from(endpoint.request(grant()), current);
    }

    private Map<String, String> grant() {
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "client_credentials");
        if (!scopes.isEmpty()) {
            grant.put("scope", String.join(scopeSeparator, scopes));
        }
        return grant;
    }
}
