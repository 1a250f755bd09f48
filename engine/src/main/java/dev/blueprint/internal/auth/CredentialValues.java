package dev.blueprint.internal.auth;

import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.spi.StoredConnection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a connection's stored credentials hold, by kind: the values the blueprint's templates may use
 * ({{access_token}}, {{api_key}}, ...) and the secret values every message and log line must mask.
 */
public final class CredentialValues {
    private final Optional<String> clientId;
    private final Optional<Secret> clientSecret;
    private final Set<String> configuredSecrets;

    public CredentialValues(Optional<String> clientId, Optional<Secret> clientSecret) {
        this(clientId, clientSecret, Set.of());
    }

    /** @param configuredSecrets values of the integration's configuration taken from the environment (header and query values) */
    public CredentialValues(Optional<String> clientId, Optional<Secret> clientSecret, Set<String> configuredSecrets) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.configuredSecrets = Set.copyOf(configuredSecrets);
    }

    /** Template values by name; {@code client_id} even without a connection. */
    public Map<String, String> templateValues(Optional<StoredConnection> connection) {
        Map<String, String> values = new HashMap<>();
        clientId.ifPresent(id -> values.put("client_id", id));
        Credentials credentials = connection.map(StoredConnection::credentials).orElse(null);
        if (credentials instanceof Credentials.ApiKey key) {
            values.put("api_key", key.key().reveal());
        } else if (credentials instanceof Credentials.Basic basic) {
            values.put("username", basic.username());
            values.put("password", basic.password().reveal());
        } else if (credentials instanceof Credentials.Bearer bearer) {
            values.put("access_token", bearer.token().reveal());
        } else if (credentials instanceof Credentials.OAuth2Tokens tokens) {
            values.put("access_token", tokens.accessToken().reveal());
        }
        return values;
    }

    /**
     * The client secret, values the configuration took from the environment, and the connection's secret values;
     * for basic credentials also {@code username:password}, which a Basic header carries encoded.
     */
    public Set<String> secrets(Optional<StoredConnection> connection) {
        Set<String> values = new HashSet<>(configuredSecrets);
        clientSecret.ifPresent(s -> values.add(s.reveal()));
        Credentials credentials = connection.map(StoredConnection::credentials).orElse(null);
        if (credentials instanceof Credentials.ApiKey key) {
            values.add(key.key().reveal());
        } else if (credentials instanceof Credentials.Basic basic) {
            values.add(basic.password().reveal());
            values.add(basic.username() + ":" + basic.password().reveal());
        } else if (credentials instanceof Credentials.Bearer bearer) {
            values.add(bearer.token().reveal());
        } else if (credentials instanceof Credentials.OAuth2Tokens tokens) {
            values.add(tokens.accessToken().reveal());
            tokens.refreshToken().ifPresent(r -> values.add(r.reveal()));
        }
        return Set.copyOf(values);
    }

    @Override
    public String toString() {
        return "CredentialValues[clientId=" + clientId.orElse("-") + "]";
    }
}
