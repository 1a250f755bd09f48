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
 * @param requestsPerWindow the API's rate limit
 * @param window            the fixed window the limit counts in
 * @param clock             time for token expiry and windows; tests pass a manual clock
 */
public record SandboxOptions(Duration accessTokenTtl, Duration refreshTokenTtl, boolean rotateRefreshTokens,
                             int requestsPerWindow, Duration window, Clock clock) {
    public SandboxOptions {
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
        if (requestsPerWindow < 1) {
            throw new IllegalArgumentException("requestsPerWindow must be at least 1, got " + requestsPerWindow);
        }
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(clock, "clock");
    }

    /** One-hour tokens, 14-day refresh tokens with rotation, 100 requests per 10 s, system time. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(Duration.ofHours(1), Duration.ofDays(14), true, 100, Duration.ofSeconds(10), Clock.systemUTC());
    }

    public SandboxOptions withAccessTokenTtl(Duration ttl) {
        return new SandboxOptions(ttl, refreshTokenTtl, rotateRefreshTokens, requestsPerWindow, window, clock);
    }

    public SandboxOptions withRateLimit(int requests, Duration per) {
        return new SandboxOptions(accessTokenTtl, refreshTokenTtl, rotateRefreshTokens, requests, per, clock);
    }

    public SandboxOptions withClock(Clock newClock) {
        return new SandboxOptions(accessTokenTtl, refreshTokenTtl, rotateRefreshTokens, requestsPerWindow, window, newClock);
    }
}
