package dev.blueprint.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

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
 */
public record SandboxOptions(Duration accessTokenTtl, Duration refreshTokenTtl, boolean rotateRefreshTokens,
                             Duration refreshTokenReuseGrace, int requestsPerWindow, Duration window, Clock clock) {
    public SandboxOptions {
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
                Clock.systemUTC());
    }

    public SandboxOptions withRefreshTokenReuseGrace(Duration grace) {
        return new SandboxOptions(accessTokenTtl, refreshTokenTtl, rotateRefreshTokens, grace, requestsPerWindow, window, clock);
    }

    public SandboxOptions withAccessTokenTtl(Duration ttl) {
        return new SandboxOptions(ttl, refreshTokenTtl, rotateRefreshTokens, refreshTokenReuseGrace, requestsPerWindow, window, clock);
    }

    public SandboxOptions withRateLimit(int requests, Duration per) {
        return new SandboxOptions(accessTokenTtl, refreshTokenTtl, rotateRefreshTokens, refreshTokenReuseGrace, requests, per, clock);
    }

    public SandboxOptions withClock(Clock newClock) {
        return new SandboxOptions(accessTokenTtl, refreshTokenTtl, rotateRefreshTokens, refreshTokenReuseGrace, requestsPerWindow, window, newClock);
    }
}
