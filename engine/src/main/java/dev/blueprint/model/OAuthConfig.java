package dev.blueprint.model;

import java.util.List;
import java.util.Map;

/**
 * The OAuth auth modes: tokens from a token endpoint, renewed before they expire. The shortcuts read
 * {@link #client()}.
 */
public sealed interface OAuthConfig extends AuthConfig permits OAuth2Config, ClientCredentialsConfig {
    /** The token endpoint, scopes and refresh rules both grants share. */
    OAuthClientConfig client();

    default String tokenUrl() {
        return client().tokenUrl();
    }

    default Map<String, String> tokenParams() {
        return client().tokenParams();
    }

    default TokenRequestAuth tokenRequestAuth() {
        return client().tokenRequestAuth();
    }

    default TokenRequestFormat tokenRequestFormat() {
        return client().tokenRequestFormat();
    }

    default String scopeSeparator() {
        return client().scopeSeparator();
    }

    default List<String> defaultScopes() {
        return client().defaultScopes();
    }

    default RefreshPolicy refresh() {
        return client().refresh();
    }
}
