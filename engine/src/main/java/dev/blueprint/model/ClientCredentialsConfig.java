package dev.blueprint.model;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** OAuth 2.0 client credentials grant (RFC 6749 §4.4): the integration's own client id and secret. */
public record ClientCredentialsConfig(
        URI tokenUrl,
        Map<String, String> tokenParams,
        TokenRequestAuth tokenRequestAuth,
        TokenRequestFormat tokenRequestFormat,
        String scopeSeparator,
        List<String> defaultScopes,
        RefreshPolicy refresh) implements AuthConfig {

    public ClientCredentialsConfig {
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        tokenParams = Map.copyOf(tokenParams);
        Objects.requireNonNull(tokenRequestAuth, "tokenRequestAuth");
        Objects.requireNonNull(tokenRequestFormat, "tokenRequestFormat");
        Objects.requireNonNull(scopeSeparator, "scopeSeparator");
        defaultScopes = List.copyOf(defaultScopes);
        Objects.requireNonNull(refresh, "refresh");
    }

    @Override
    public String mode() {
        return "oauth2_client_credentials";
    }
}
