package dev.blueprint.internal.oauth;

import dev.blueprint.Credentials;
import dev.blueprint.MissingCredentialsException;
import dev.blueprint.OAuthException;
import dev.blueprint.ReauthorizationRequiredException;
import dev.blueprint.Secret;
import dev.blueprint.internal.http.IntegrationRuntime;
import dev.blueprint.model.AuthConfig;
import dev.blueprint.model.ClientCredentialsConfig;
import dev.blueprint.model.OAuth2Config;
import dev.blueprint.model.RefreshPolicy;
import dev.blueprint.spi.StoredConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands out valid access tokens for an integration's connections, refreshing them when they expire within the
 * blueprint's margin (on the injected clock) or when a 401 says the one used is dead.
 *
 * <p>Single flight: a refresh runs inside {@link dev.blueprint.spi.CredentialStore#update}, which holds the
 * connection's lock (across processes for the JDBC stores). A caller that got the lock after another refreshed
 * finds a fresh token and uses it: any number of concurrent callers cause one token request. The new tokens,
 * with a rotated refresh token, are stored before anyone uses the new access token; a response without a
 * refresh token keeps the old one.
 */
public final class TokenManager {
    private final IntegrationRuntime runtime;
    private final TokenEndpoint endpoint;
    private final RefreshPolicy refresh;
    private final boolean clientCredentials;

    public TokenManager(IntegrationRuntime runtime) {
        this.runtime = runtime;
        AuthConfig auth = runtime.config().blueprint().auth();
        if (auth instanceof OAuth2Config oauth) {
            this.endpoint = new TokenEndpoint(runtime, oauth.tokenUrl(), oauth.tokenParams(), oauth.tokenRequestAuth(), oauth.tokenRequestFormat());
            this.refresh = oauth.refresh();
            this.clientCredentials = false;
        } else if (auth instanceof ClientCredentialsConfig cc) {
            this.endpoint = new TokenEndpoint(runtime, cc.tokenUrl(), cc.tokenParams(), cc.tokenRequestAuth(), cc.tokenRequestFormat());
            this.refresh = cc.refresh();
            this.clientCredentials = true;
        } else {
            throw new IllegalArgumentException("integration " + runtime.name() + " does not use OAuth");
        }
    }

    /**
     * A valid access token for the connection.
     *
     * @param rejected the token a 401 just refused, to refresh even if it looks valid; null otherwise
     */
    public Secret accessToken(String connectionId, Secret rejected) {
        Optional<StoredConnection> stored = runtime.store().load(runtime.name(), connectionId);
        if (stored.isEmpty() && clientCredentials) {
            fetchClientCredentials(connectionId);
            stored = runtime.store().load(runtime.name(), connectionId);
        }
        StoredConnection connection = stored.orElseThrow(() -> new MissingCredentialsException(runtime.name(), connectionId,
                "has no stored OAuth tokens; authorize it first (startAuthorization / completeAuthorization)"));
        Credentials.OAuth2Tokens tokens = tokensOf(connection);
        if (!needsRefresh(tokens, rejected)) {
            return tokens.accessToken();
        }
        return refreshUnderLock(connectionId, rejected);
    }

    private Secret refreshUnderLock(String connectionId, Secret rejected) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        StoredConnection updated = runtime.store().update(runtime.name(), connectionId, current -> {
            Credentials.OAuth2Tokens tokens = tokensOf(current);
            if (!needsRefresh(tokens, rejected)) {
                return current; // another caller refreshed while we waited for the lock
            }
            try {
                return current.withCredentials(renew(current, tokens));
            } catch (ReauthorizationRequiredException e) {
                failure.set(e);
                return current.needingReauthorization(e.reason());
            } catch (RuntimeException e) {
                failure.set(e);
                return current;
            }
        });
        if (failure.get() != null) {
            throw failure.get();
        }
        return tokensOf(updated).accessToken();
    }

    private Credentials.OAuth2Tokens renew(StoredConnection connection, Credentials.OAuth2Tokens tokens) {
        if (clientCredentials) {
            return toCredentials(endpoint.request(clientCredentialsGrant()), tokens);
        }
        Secret refreshToken = tokens.refreshToken().orElseThrow(() -> new ReauthorizationRequiredException(runtime.name(),
                connection.connectionId(), "the access token expired and there is no refresh token"));
        Instant now = runtime.clock().instant();
        Optional<Instant> refreshExpiry = refresh.refreshTokenTtl().flatMap(ttl -> tokens.refreshTokenIssuedAt().map(at -> at.plus(ttl)));
        if (refreshExpiry.isPresent() && !now.isBefore(refreshExpiry.get())) {
            throw new ReauthorizationRequiredException(runtime.name(), connection.connectionId(),
                    "the refresh token expired at " + refreshExpiry.get() + " (refresh_token_ttl " + iso(refresh.refreshTokenTtl().get()) + ")");
        }
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "refresh_token");
        grant.put("refresh_token", refreshToken.reveal());
        try {
            return toCredentials(endpoint.request(grant), tokens);
        } catch (OAuthException e) {
            if (e.code().equals("invalid_grant")) {
                throw new ReauthorizationRequiredException(runtime.name(), connection.connectionId(),
                        "the provider refused the refresh token (invalid_grant)");
            }
            throw e;
        }
    }

    /** ISO-8601 as blueprints write it: P14D rather than Java's PT336H. */
    private static String iso(Duration duration) {
        return duration.toSeconds() % 86_400 == 0 ? "P" + duration.toDays() + "D" : duration.toString();
    }

    /** Fetches a client-credentials token for a connection that has none yet. */
    private void fetchClientCredentials(String connectionId) {
        synchronized (this) {
            if (runtime.store().load(runtime.name(), connectionId).isPresent()) {
                return;
            }
            Credentials.OAuth2Tokens tokens = toCredentials(endpoint.request(clientCredentialsGrant()), null);
            runtime.store().save(new StoredConnection(runtime.name(), connectionId, Map.of(), tokens));
        }
    }

    private Map<String, String> clientCredentialsGrant() {
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "client_credentials");
        List<String> scopes = runtime.config().oauthScopes();
        if (!scopes.isEmpty()) {
            grant.put("scope", String.join(((ClientCredentialsConfig) runtime.config().blueprint().auth()).scopeSeparator(), scopes));
        }
        return grant;
    }

    /** Stores what a token response gave; a response without a refresh token keeps the old one. */
    Credentials.OAuth2Tokens toCredentials(TokenResponse response, Credentials.OAuth2Tokens previous) {
        Instant now = runtime.clock().instant();
        Optional<Duration> lifetime = response.expiresIn().or(refresh::defaultAccessTokenTtl);
        Optional<Secret> refreshToken = response.refreshToken().or(() -> previous == null ? Optional.empty() : previous.refreshToken());
        Optional<Instant> refreshIssued = response.refreshToken().isPresent()
                ? Optional.of(now)
                : previous == null ? Optional.empty() : previous.refreshTokenIssuedAt();
        return new Credentials.OAuth2Tokens(response.accessToken(), refreshToken, lifetime.map(now::plus), refreshIssued);
    }

    private boolean needsRefresh(Credentials.OAuth2Tokens tokens, Secret rejected) {
        if (rejected != null && rejected.equals(tokens.accessToken())) {
            return true;
        }
        Instant now = runtime.clock().instant();
        return tokens.expiresAt().map(at -> !now.isBefore(at.minus(refresh.margin()))).orElse(false);
    }

    private Credentials.OAuth2Tokens tokensOf(StoredConnection connection) {
        connection.reauthorizationReason().ifPresent(reason -> {
            throw new ReauthorizationRequiredException(runtime.name(), connection.connectionId(), reason);
        });
        if (connection.credentials() instanceof Credentials.OAuth2Tokens tokens) {
            return tokens;
        }
        throw new MissingCredentialsException(runtime.name(), connection.connectionId(),
                "has credentials of another kind; auth mode " + runtime.config().blueprint().auth().mode() + " needs OAuth tokens");
    }

    /** Exchanges an authorization code (RFC 6749 §4.1.3) and returns the tokens to store. */
    Credentials.OAuth2Tokens exchangeCode(String code, String redirectUri, String codeVerifier) {
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grant_type", "authorization_code");
        grant.put("code", code);
        grant.put("redirect_uri", redirectUri);
        if (codeVerifier != null) {
            grant.put("code_verifier", codeVerifier);
        }
        return toCredentials(endpoint.request(grant), null);
    }
}
