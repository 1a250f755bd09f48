package dev.blueprint.internal.oauth;

import dev.blueprint.Secret;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** A successful token endpoint answer (RFC 6749 §5.1). */
record TokenResponse(Secret accessToken, Optional<Secret> refreshToken, Optional<Duration> expiresIn) {
    TokenResponse {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
    }

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn.map(Duration::toString).orElse("?") + "]";
    }
}
