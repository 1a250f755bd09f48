package dev.blueprint.cli;

import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.model.ApiKeyConfig;
import dev.blueprint.model.AuthConfig;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials the CLI takes from the environment, never from the command line (where other users of the
 * machine could read them): BLUEPRINT_API_KEY, BLUEPRINT_USERNAME and BLUEPRINT_PASSWORD, BLUEPRINT_TOKEN.
 */
final class EnvironmentCredentials {
    private EnvironmentCredentials() {
    }

    /** The credentials {@code auth} needs, if the environment has them; {@link Credentials.None} for mode none. */
    static Optional<Credentials> of(AuthConfig auth, Map<String, String> env) {
        if (auth instanceof ApiKeyConfig) {
            return Optional.ofNullable(env.get("BLUEPRINT_API_KEY")).map(Credentials::apiKey);
        }
        if (auth instanceof AuthConfig.Basic) {
            return Optional.ofNullable(env.get("BLUEPRINT_USERNAME"))
                    .map(user -> Credentials.basic(user, env.getOrDefault("BLUEPRINT_PASSWORD", "")));
        }
        if (auth instanceof AuthConfig.Bearer) {
            return Optional.ofNullable(env.get("BLUEPRINT_TOKEN")).map(Credentials::bearer);
        }
        if (auth instanceof AuthConfig.None) {
            return Optional.of(new Credentials.None());
        }
        return Optional.ofNullable(env.get("BLUEPRINT_TOKEN")).map(token -> new Credentials.OAuth2Tokens(
                Secret.of(token), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /** The variable(s) that would supply credentials for {@code auth}, for error messages. */
    static String variablesFor(AuthConfig auth) {
        if (auth instanceof ApiKeyConfig) {
            return "BLUEPRINT_API_KEY";
        }
        if (auth instanceof AuthConfig.Basic) {
            return "BLUEPRINT_USERNAME (and BLUEPRINT_PASSWORD)";
        }
        return "BLUEPRINT_TOKEN";
    }
}
