package dev.blueprint.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When access tokens are refreshed.
 *
 * @param required              access tokens always expire, so refresh is mandatory
 * @param margin                refresh this long before expiry (default 5 minutes)
 * @param defaultAccessTokenTtl the lifetime assumed when a token response has no {@code expires_in}
 * @param refreshTokenTtl       unused refresh tokens die after this long, if the provider says so
 * @param rotatesRefreshToken   the provider issues a new refresh token on every refresh
 */
public record RefreshPolicy(
        boolean required,
        Duration margin,
        Optional<Duration> defaultAccessTokenTtl,
        Optional<Duration> refreshTokenTtl,
        boolean rotatesRefreshToken) {

    public static final Duration DEFAULT_MARGIN = Duration.ofMinutes(5);

    public RefreshPolicy {
        Objects.requireNonNull(margin, "margin");
        Objects.requireNonNull(defaultAccessTokenTtl, "defaultAccessTokenTtl");
        Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
    }
}
