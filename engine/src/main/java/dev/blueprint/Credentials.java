package dev.blueprint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connection authenticates with. Every variant masks its secrets in {@code toString()}.
 */
public sealed interface Credentials {

    /** An API key for {@code auth.mode: api_key}. */
    static Credentials apiKey(String key) {
        return new ApiKey(Secret.of(key));
    }

    /** A username and password for {@code auth.mode: basic}. */
    static Credentials basic(String username, String password) {
        return new Basic(username, Secret.of(password));
    }

    /** A static token for {@code auth.mode: bearer}. */
    static Credentials bearer(String token) {
        return new Bearer(Secret.of(token));
    }

    /**
     * OAuth tokens obtained elsewhere (another app's flow, a migration), issued now by the system clock: the access
     * token expires after {@code expiresIn} and is then renewed with the refresh token. Pass them to
     * {@link Integration#saveCredentials}. An engine on another {@link Clock} takes {@link #oauth(String, String, Duration, Clock)}.
     *
     * @param refreshToken null when the provider issued none
     * @param expiresIn    the access token's remaining lifetime ({@code expires_in}); null when it does not expire or is unknown
     */
    static OAuth2Tokens oauth(String accessToken, String refreshToken, Duration expiresIn) {
        return oauth(accessToken, refreshToken, expiresIn, Clock.systemUTC());
    }

    /** Like {@link #oauth(String, String, Duration)}, issued now by {@code clock} (the engine's). */
    static OAuth2Tokens oauth(String accessToken, String refreshToken, Duration expiresIn, Clock clock) {
        Instant now = clock.instant();
        return new OAuth2Tokens(Secret.of(accessToken), Optional.ofNullable(refreshToken).map(Secret::of),
                Optional.ofNullable(expiresIn).map(now::plus), Optional.ofNullable(refreshToken).map(token -> now),
                Optional.ofNullable(expiresIn).map(lifetime -> now));
    }

    /** An access token without a refresh token or a known expiry; renewed only when a 401 says it is dead. */
    static OAuth2Tokens oauth(String accessToken) {
        return oauth(accessToken, null, null);
    }

    record ApiKey(Secret key) implements Credentials {
        public ApiKey {
            Objects.requireNonNull(key, "key");
        }
    }

    record Basic(String username, Secret password) implements Credentials {
        public Basic {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }

    record Bearer(Secret token) implements Credentials {
        public Bearer {
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * OAuth 2.0 tokens of a connection.
     *
     * @param accessToken        the current access token
     * @param refreshToken       the refresh token, if the provider issued one
     * @param expiresAt          when the access token expires, if known
     * @param refreshTokenIssuedAt when the refresh token was issued or last used, for refresh-token TTLs
     * @param issuedAt           when the access token was issued, if known: with {@code expiresAt}, its lifetime
     */
    record OAuth2Tokens(Secret accessToken, Optional<Secret> refreshToken, Optional<Instant> expiresAt,
                        Optional<Instant> refreshTokenIssuedAt, Optional<Instant> issuedAt) implements Credentials {
        public OAuth2Tokens {
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(refreshToken, "refreshToken");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(refreshTokenIssuedAt, "refreshTokenIssuedAt");
            Objects.requireNonNull(issuedAt, "issuedAt");
        }

        /** Tokens whose issue time is not known (obtained elsewhere, or stored by an older engine). */
        public OAuth2Tokens(Secret accessToken, Optional<Secret> refreshToken, Optional<Instant> expiresAt,
                            Optional<Instant> refreshTokenIssuedAt) {
            this(accessToken, refreshToken, expiresAt, refreshTokenIssuedAt, Optional.empty());
        }

        /**
         * When the access token is due for renewal: {@code margin} before it expires, but never more than half its
         * lifetime early, so a 5-minute token is not renewed on every call under a 5-minute margin. Empty when it
         * does not expire.
         */
        public Optional<Instant> renewalDueAt(Duration margin) {
            return expiresAt.map(expiry -> {
                Duration effective = issuedAt.filter(at -> at.isBefore(expiry))
                        .map(at -> Duration.between(at, expiry).dividedBy(2))
                        .filter(half -> half.compareTo(margin) < 0).orElse(margin);
                return expiry.minus(effective);
            });
        }
    }

    /** No credentials, for {@code auth.mode: none}. */
    record None() implements Credentials {
    }
}
