package dev.blueprint.internal.oauth;

import dev.blueprint.Secret;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A successful token endpoint answer (RFC 6749 §5.1).
 *
 * @param learned the members connection_config fields are learned from ({@code instance_url}), as text; no others
 */
record TokenResponse(Secret accessToken, Optional<Secret> refreshToken, Optional<Duration> expiresIn, Map<String, String> learned) {
    TokenResponse {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
        learned = Map.copyOf(learned);
    }

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn.map(Duration::toString).orElse("?") + "]";
    }
}
