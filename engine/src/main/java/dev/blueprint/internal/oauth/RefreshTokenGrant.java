package dev.blueprint.internal.oauth;

import dev.blueprint.Credentials;
import dev.blueprint.OAuthException;
import dev.blueprint.ReauthorizationRequiredException;
import dev.blueprint.Secret;
import dev.blueprint.model.RefreshPolicy;
import dev.blueprint.spi.StoredConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The refresh token grant (RFC 6749 §6). A refresh token past the blueprint's {@code refresh_token_ttl}, or one the
 * provider refuses ({@code invalid_grant}), means the user must authorize again.
 */
public final class RefreshTokenGrant implements Renewal {
    private final String integration;
    private final TokenEndpoint endpoint;
    private final IssuedTokens issued;
    private final RefreshPolicy refresh;
    private final Clock clock;

    public RefreshTokenGrant(String integration, TokenEndpoint endpoint, IssuedTokens issued, RefreshPolicy refresh, Clock clock) {
        this.integration = integration;
        this.endpoint = endpoint;
        this.issued = issued;
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public Credentials.OAuth2Tokens renew(StoredConnection connection, Credentials.OAuth2Tokens current) {
        Secret refreshToken = current.refreshToken().orElseThrow(() -> new ReauthorizationRequiredException(integration,
                connection.connectionId(), "the access token expired and there is no refresh token"));
        Instant now = clock.instant();
        Optional<Instant> refreshExpiry = refresh.refreshTokenTtl().flatMap(ttl -> current.refreshTokenIssuedAt().map(at -> at.plus(ttl)));
        if (refreshExpiry.isPresent() && !now.isBefore(refreshExpiry.get())) {
            throw new ReauthorizationRequiredException(integration, connection.connectionId(),
                    "the refresh token expired at " + refreshExpiry.get() + " (refresh_token_ttl " + iso(refresh.refreshTokenTtl().get()) + ")");
        }
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "refresh_token");
        grant.put("refresh_token", refreshToken.reveal());
        try {
            return issued.from(endpoint.request(grant, connection.config()), current);
        } catch (OAuthException e) {
            if (e.code().equals("invalid_grant")) {
                throw new ReauthorizationRequiredException(integration, connection.connectionId(),
                        "the provider refused the refresh token (invalid_grant)");
            }
            throw e;
        }
    }

    /** ISO-8601 as blueprints write it: P14D rather than Java's PT336H. */
    private static String iso(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 ? "P" + duration.toDays() + "D" : duration.toString();
    }
}
