package dev.blueprint.observe;

import java.util.Objects;

/**
 * A token endpoint request as observers see it.
 *
 * @param integration the integration's name
 * @param grant       {@code refresh_token}, {@code client_credentials} or {@code authorization_code}
 */
public record TokenRequestInfo(String integration, String grant) {
    public TokenRequestInfo {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(grant, "grant");
    }
}
