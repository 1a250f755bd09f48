package dev.blueprint.cli;

import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.model.ApiKeyConfig;
import dev.blueprint.model.AuthConfig;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Credentials the CLI takes from the environment, never from the command line (where other users of the
 * machine could read them): BLUEPRINT_API_KEY, BLUEPRINT_USERNAME and BLUEPRINT_PASSWORD, BLUEPRINT_TOKEN.
 *
 * @param variables the variable(s) that supply them, for error messages
 * @param read      the credentials, if the environment has them
 */
record EnvironmentCredentials(String variables, Function<Map<String, String>, Optional<Credentials>> read) {
    /** How the environment supplies credentials for {@code auth}; {@link Credentials.None} for mode none. */
    static EnvironmentCredentials forMode(AuthConfig auth) {
        if (auth instanceof ApiKeyConfig) {
            return new EnvironmentCredentials("BLUEPRINT_API_KEY",
                    env -> Optional.ofNullable(env.get("BLUEPRINT_API_KEY")).map(Credentials::apiKey));
        }
        if (auth instanceof AuthConfig.Basic) {
            return new EnvironmentCredentials("BLUEPRINT_USERNAME (and BLUEPRINT_PASSWORD)", env -> Optional.ofNullable(env.get("BLUEPRINT_USERNAME"))
                    .map(user -> Credentials.basic(user, env.getOrDefault("BLUEPRINT_PASSWORD", ""))));
        }
        if (auth instanceof AuthConfig.Bearer) {
            return new EnvironmentCredentials("BLUEPRINT_TOKEN", env -> Optional.ofNullable(env.get("BLUEPRINT_TOKEN")).map(Credentials::bearer));
        }
        if (auth instanceof AuthConfig.None) {
            return new EnvironmentCredentials("", env -> Optional.of(new Credentials.None()));
        }
        // OAuth: an access token obtained elsewhere, used as it is.
        return new EnvironmentCredentials("BLUEPRINT_TOKEN", env -> Optional.ofNullable(env.get("BLUEPRINT_TOKEN")).map(token ->
                new Credentials.OAuth2Tokens(Secret.of(token), Optional.empty(), Optional.empty(), Optional.empty())));
    }

    Optional<Credentials> from(Map<String, String> environment) {
        return read.apply(environment);
    }

    @Override
    public String toString() {
        return "EnvironmentCredentials[" + variables + "]";
    }
}
