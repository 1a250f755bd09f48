package dev.blueprint.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Sandbox} plays its provider.
 *
 * @param accessTokenTtl    lifetime of the access tokens it issues
 * @param refreshTokenTtl   lifetime of refresh tokens (the blueprint's, if it declares one, is a good choice)
 * @param rotateRefreshTokens issue a new refresh token on every refresh and refuse the old one
 * @param refreshTokenReuseGrace how long a rotated-away refresh token is still accepted (Okta's grace period,
 *                          Auth0's reuse interval); zero is strict rotation
 * @param requestsPerWindow the API's rate limit
 * @param window            the fixed window the limit counts in
 * @param clock             time for token expiry and windows; tests pass a manual clock
 * @param announcedAccessTokenTtl the {@code expires_in} it announces, when it differs from how long it honours a
 *                          token (providers that accept tokens a little past their announced end; crash tests that
 *                          want every call to renew)
 */
public record SandboxOptions(Duration accessTokenTtl, Duration refreshTokenTtl, boolean rotateRefreshTokens,
                             Duration refreshTokenReuseGrace, int requestsPerWindow, Duration window, Clock clock,
                             Optional<Duration> announcedAccessTokenTtl) {
    public SandboxOptions {
        Objects.requireNonNull(announcedAccessTokenTtl, "announcedAccessTokenTtl");
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
        Objects.requireNonNull(refreshTokenReuseGrace, "refreshTokenReuseGrace");
        if (requestsPerWindow < 1) {
            throw new IllegalArgumentException("requestsPerWindow must be at least 1, got " + requestsPerWindow);
        }
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(clock, "clock");
    }

    /** One-hour tokens, 14-day refresh tokens with strict rotation, 100 requests per 10 s, system time. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(Duration.ofHours(1), Duration.ofDays(14), true, Duration.ZERO, 100, Duration.ofSeconds(10),
                Clock.systemUTC(),
                Optional.empty());
    }

    public SandboxOptions withRefreshTokenReuseGrace(Duration grace) {
        return new SandboxOptions(accessTokenTtl, refreshTokenTtl, rotateRefreshTokens, grace, requestsPerWindow, window, clock, announcedAccessTokenTtl);
    }

    public SandboxOptions withAccessTokenTtl(Duration ttl) {
        return new SandboxOptions(ttl, refreshTokenTtl, rotateRefreshTokens, refreshTokenReuseGrace, requestsPerWindow, window, clock, announcedAccessTokenTtl);
    }

    public SandboxOptions withRateLimit(int requests, Duration per) {
        return new SandboxOptions(accessTokenTtl, refreshTokenTtl, rotateRefreshTokens, refreshTokenReuseGrace, requests, per, clock, announcedAccessTokenTtl);
    }

    /** Announces {@code expiresIn} in token responses while honouring tokens for {@link #accessTokenTtl()}. */
    public SandboxOptions withAnnouncedAccessTokenTtl(Duration expiresIn) {
        return new SandboxOptions(accessTokenTtl, refreshTokenTtl, rotateRefreshTokens, refreshTokenReuseGrace, requestsPerWindow, window,
                clock, Optional.of(expiresIn));
    }

    public SandboxOptions withClock(Clock newClock) {
        return new SandboxOptions(accessTokenTtl, refreshTokenTtl, rotateRefreshTokens, refreshTokenReuseGrace, requestsPerWindow, window, newClock, announcedAccessTokenTtl);
    }
}
