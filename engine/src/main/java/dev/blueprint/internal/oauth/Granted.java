package dev.blueprint.internal.oauth;

import dev.blueprint.Credentials;
import java.util.Map;
import java.util.Objects;

/**
 * A first grant's result: the tokens, and the token response members connection_config values may be learned from.
 *
 * @param tokenResponseMembers only the members some field is learned from, as text
 */
record Granted(Credentials.OAuth2Tokens tokens, Map<String, String> tokenResponseMembers) {
    Granted {
        Objects.requireNonNull(tokens, "tokens");
        tokenResponseMembers = Map.copyOf(tokenResponseMembers);
    }

    @Override
    public String toString() {
        return "Granted[" + tokens + "]";
    }
}
