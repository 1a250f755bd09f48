package dev.blueprint.internal.oauth;

import dev.blueprint.Credentials;
import dev.blueprint.model.ConnectionValueSource;
import dev.blueprint.spi.StoredConnection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The client credentials grant (RFC 6749 §4.4): the integration's own id and secret buy every token, the first and each renewal. */
public final class ClientCredentialsGrant implements Renewal {
    private final TokenEndpoint endpoint;
    private final IssuedTokens issued;
    private final List<String> scopes;
    private final String scopeSeparator;
    private final LearnedValues learned;

    public ClientCredentialsGrant(TokenEndpoint endpoint, IssuedTokens issued, List<String> scopes, String scopeSeparator,
                                  LearnedValues learned) {
        this.endpoint = endpoint;
        this.learned = learned;
        this.issued = issued;
        this.scopes = List.copyOf(scopes);
        this.scopeSeparator = scopeSeparator;
    }

    /**
     * A connection with its first token, from the token URL of a connection with these connection_config values,
     * and those values plus any learned from the token response.
     */
    StoredConnection connect(String integration, String connectionId, Map<String, String> connectionConfig) {
        TokenResponse response = endpoint.request(grant(), connectionConfig);
        Map<String, String> config = new HashMap<>(connectionConfig);
        config.putAll(learned.from(ConnectionValueSource.Place.TOKEN_RESPONSE, response.learned()));
        return new StoredConnection(integration, connectionId, config, issued.from(response, null));
    }

    /** Whether a stored connection's values are the ones given now, learned values aside. */
    boolean sameGivenValues(Map<String, String> stored, Map<String, String> given) {
        return learned.given(stored).equals(given);
    }

    @Override
    public Credentials.OAuth2Tokens renew(StoredConnection connection, Credentials.OAuth2Tokens current) {
        return issued.from(endpoint.request(grant(), connection.config()), current);
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
