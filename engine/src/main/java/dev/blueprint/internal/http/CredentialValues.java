package dev.blueprint.internal.http;

import dev.blueprint.Credentials;
import java.util.HashMap;
import java.util.Map;

/** The credential values a blueprint's templates may use ({{access_token}}, {{api_key}}, ...). */
final class CredentialValues {
    private CredentialValues() {
    }

    static Map<String, String> templateValues(Call<?> call) {
        Map<String, String> values = new HashMap<>();
        call.runtime().config().oauthClientId().ifPresent(id -> values.put("client_id", id));
        if (call.connection() == null) {
            return values;
        }
        Credentials credentials = call.connection().credentials();
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
}
