package dev.blueprint.internal.oauth;

import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.model.RefreshPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What a token response gives a connection, stamped on the engine's clock; a response without a refresh token keeps the old one. */
public final class IssuedTokens {
    private final Clock clock;
    private final RefreshPolicy refresh;

    public IssuedTokens(Clock clock, RefreshPolicy refresh) {
        this.clock = clock;
        this.refresh = refresh;
    }

    /** @param previous the connection's tokens before this response; null for a first grant */
    Credentials.OAuth2Tokens from(TokenResponse response, Credentials.OAuth2Tokens previous) {
        Instant now = clock.instant();
        Optional<Duration> lifetime = response.expiresIn().or(refresh::defaultAccessTokenTtl);
        Optional<Secret> refreshToken = response.refreshToken().or(() -> previous == null ? Optional.empty() : previous.refreshToken());
        Optional<Instant> refreshIssued = response.refreshToken().isPresent()
                ? Optional.of(now)
                : previous == null ? Optional.empty() : previous.refreshTokenIssuedAt();
        return new Credentials.OAuth2Tokens(response.accessToken(), refreshToken, lifetime.map(now::plus), refreshIssued,
                Optional.of(now));
    }
}
