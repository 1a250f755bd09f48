package dev.blueprint.internal.oauth;

import dev.blueprint.Credentials;
import dev.blueprint.MissingCredentialsException;
import dev.blueprint.ReauthorizationRequiredException;
import dev.blueprint.Secret;
import dev.blueprint.internal.auth.TokenSource;
import dev.blueprint.spi.CredentialStore;
import dev.blueprint.spi.RenewalLock;
import dev.blueprint.spi.StoredConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands out valid access tokens for an integration's connections, renewing them with its {@link Renewal} when they
 * expire within the refresh margin (on the injected clock) or when a 401 says the one used is dead.
 *
 * <p>Single flight: a renewal holds the store's renewal lock for the connection (across processes for the SQLite and
 * PostgreSQL stores), but no database lock or transaction while the token endpoint answers. A caller that got the
 * lock after another renewed finds a fresh token and uses it: any number of concurrent callers cause one token
 * request. The new tokens, with a rotated refresh token, are stored before anyone uses the new access token; a
 * response without a refresh token keeps the old one. A store without a renewal lock renews inside its update.
 *
 * <p>Callers that must not block ({@code sendAsync}) get a valid token at once, or share one in-process renewal per
 * connection that runs on the engine's renewal executor: a thousand requests waiting for a token hold no thread, the
 * renewal holds one while the store's lock and the token endpoint answer.
 */
public final class OAuthTokenSource implements TokenSource {
    private final String integration;
    private final String mode;
    private final CredentialStore store;
    private final Clock clock;
    private final Duration margin;
    private final Renewal renewal;
    private final Optional<ClientCredentialsGrant> firstToken;
    private final Executor renewals;
    private final ConcurrentMap<String, CompletableFuture<Secret>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param mode       the auth mode, for errors
     * @param margin     renew this long before expiry
     * @param firstToken how a connection without tokens gets its first one; empty when only the user can
     *                   (the authorization code flow)
     * @param renewals   where renewals for callers that must not block run
     */
    public OAuthTokenSource(String integration, String mode, CredentialStore store, Clock clock, Duration margin, Renewal renewal,
                            Optional<ClientCredentialsGrant> firstToken, Executor renewals) {
        this.integration = integration;
        this.mode = mode;
        this.store = store;
        this.clock = clock;
        this.margin = margin;
        this.renewal = renewal;
        this.firstToken = firstToken;
        this.renewals = renewals;
    }

    @Override
    public Secret accessToken(String connectionId, Secret rejected) {
        Optional<StoredConnection> stored = store.load(integration, connectionId);
        if (stored.isEmpty() && firstToken.isPresent()) {
            fetchFirstToken(connectionId, firstToken.get());
            stored = store.load(integration, connectionId);
        }
        StoredConnection connection = stored.orElseThrow(() -> new MissingCredentialsException(integration, connectionId,
                "has no stored OAuth tokens; authorize it first: blueprint connect " + integration + " --connection " + connectionId
                        + " (in Java: Integration.startAuthorization, then completeAuthorization)"));
        Credentials.OAuth2Tokens tokens = tokensOf(connection);
        if (!needsRenewal(tokens, rejected)) {
            return tokens.accessToken();
        }
        Optional<RenewalLock> lock = store.lockForRenewal(integration, connectionId);
        return lock.isPresent() ? renewHolding(lock.get(), connectionId, rejected) : renewInsideUpdate(connectionId, rejected);
    }

    @Override
    public CompletableFuture<Secret> accessTokenAsync(String connectionId, Secret rejected) {
        try {
            Optional<StoredConnection> stored = store.load(integration, connectionId);
            if (stored.isPresent()) {
                Credentials.OAuth2Tokens tokens = tokensOf(stored.get());
                if (!needsRenewal(tokens, rejected)) {
                    return CompletableFuture.completedFuture(tokens.accessToken());
                }
            } else if (firstToken.isEmpty()) {
                return CompletableFuture.completedFuture(accessToken(connectionId, rejected)); // throws: nothing to renew
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return shared(connectionId, rejected);
    }

    /**
     * The renewal in flight for the connection, or a new one. A caller whose token a 401 refused, and whom a renewal
     * started earlier hands that same token, starts another (which renews, as {@link #accessToken} does).
     */
    private CompletableFuture<Secret> shared(String connectionId, Secret rejected) {
        CompletableFuture<Secret> started = new CompletableFuture<>();
        CompletableFuture<Secret> flight = inFlight.putIfAbsent(connectionId, started);
        if (flight == null) {
            Runnable renewal = new RenewalThreads.Task() {
                @Override
                public void run() {
                    // Out of the map before completing: whoever the result sends back here must start a new renewal.
                    try {
                        Secret token = accessToken(connectionId, rejected);
                        inFlight.remove(connectionId, started);
                        started.complete(token);
                    } catch (Throwable e) {
                        abandon(e);
                    }
                }

                @Override
                public void abandon(RuntimeException why) {
                    abandon((Throwable) why);
                }

                private void abandon(Throwable why) {
                    inFlight.remove(connectionId, started);
                    started.completeExceptionally(why);
                }
            };
            try {
                renewals.execute(renewal);
            } catch (RuntimeException rejectedTask) { // the engine is closed
                inFlight.remove(connectionId, started);
                started.completeExceptionally(rejectedTask);
            }
            return started;
        }
        if (rejected == null) {
            return flight;
        }
        return flight.thenCompose(token -> token.equals(rejected) ? shared(connectionId, rejected) : CompletableFuture.completedFuture(token));
    }

    /**
     * Renews holding only the store's renewal lock: read, call the token endpoint with nothing of the store held, then
     * compare and set. Whoever waited for the lock finds fresh tokens and uses them.
     */
    private Secret renewHolding(RenewalLock lock, String connectionId, Secret rejected) {
        try (lock) {
            // From the store itself, not a cache: another process may have renewed while this one waited.
            StoredConnection current = store.update(integration, connectionId, unchanged -> unchanged);
            Credentials.OAuth2Tokens tokens = tokensOf(current);
            if (!needsRenewal(tokens, rejected)) {
                return tokens.accessToken();
            }
            Credentials.OAuth2Tokens renewed;
            try {
                renewed = renewal.renew(current, tokens);
            } catch (ReauthorizationRequiredException e) {
                store.update(integration, connectionId, c -> c.needingReauthorization(e.reason()));
                throw e;
            }
            // The rotated refresh token is stored before the new access token is used; an unexpected change wins.
            StoredConnection stored = store.update(integration, connectionId,
                    c -> c.credentials().equals(tokens) ? c.withCredentials(renewed) : c);
            return tokensOf(stored).accessToken();
        }
    }

    /** For stores without a renewal lock: the renewal runs inside {@link CredentialStore#update}. */
    private Secret renewInsideUpdate(String connectionId, Secret rejected) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        StoredConnection updated = store.update(integration, connectionId, current -> {
            Credentials.OAuth2Tokens tokens = tokensOf(current);
            if (!needsRenewal(tokens, rejected)) {
                return current; // another caller renewed while we waited for the lock
            }
            try {
                return current.withCredentials(renewal.renew(current, tokens));
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

    /**
     * Connects a client-credentials connection with these connection_config values: keeps the stored connection when
     * it has the same values and a token not yet due for renewal, else fetches a token and stores it. One token
     * request for any number of concurrent callers, across processes for stores with a renewal lock.
     *
     * @throws IllegalStateException when the auth mode has no first token to fetch (the authorization code flow)
     */
    public void connect(String connectionId, Map<String, String> connectionConfig) {
        ClientCredentialsGrant grant = firstToken.orElseThrow(() -> new IllegalStateException("integration '" + integration
                + "' uses auth mode " + mode + "; only oauth2_client_credentials fetches tokens by itself"));
        holdingRenewalLock(connectionId, () -> {
            Optional<StoredConnection> current = store.loadLatest(integration, connectionId);
            boolean keep = current.filter(c -> grant.sameGivenValues(c.config(), connectionConfig) && c.reauthorizationReason().isEmpty()
                    && c.credentials() instanceof Credentials.OAuth2Tokens tokens && !needsRenewal(tokens, null)).isPresent();
            if (!keep) {
                store.save(grant.connect(integration, connectionId, connectionConfig));
            }
        });
    }

    /**
     * Fetches a client-credentials token for a connection that has none yet: one token request for any number of
     * callers, across processes for stores with a renewal lock (whoever waited finds the stored token).
     */
    private void fetchFirstToken(String connectionId, ClientCredentialsGrant grant) {
        holdingRenewalLock(connectionId, () -> {
            if (store.loadLatest(integration, connectionId).isEmpty()) {
                store.save(grant.connect(integration, connectionId, Map.of()));
            }
        });
    }

    private void holdingRenewalLock(String connectionId, Runnable action) {
        Optional<RenewalLock> lock = store.lockForRenewal(integration, connectionId);
        if (lock.isEmpty()) {
            synchronized (this) {
                action.run();
            }
            return;
        }
        try (RenewalLock held = lock.get()) {
            action.run();
        }
    }

    private boolean needsRenewal(Credentials.OAuth2Tokens tokens, Secret rejected) {
        if (rejected != null && rejected.equals(tokens.accessToken())) {
            return true;
        }
        Instant now = clock.instant();
        return tokens.renewalDueAt(margin).map(due -> !now.isBefore(due)).orElse(false);
    }

    private Credentials.OAuth2Tokens tokensOf(StoredConnection connection) {
        connection.reauthorizationReason().ifPresent(reason -> {
            throw new ReauthorizationRequiredException(integration, connection.connectionId(), reason);
        });
        if (connection.credentials() instanceof Credentials.OAuth2Tokens tokens) {
            return tokens;
        }
        throw new MissingCredentialsException(integration, connection.connectionId(),
                "has credentials of another kind; auth mode " + mode + " needs OAuth tokens");
    }

    @Override
    public String toString() {
        return "OAuthTokenSource[" + integration + "]";
    }
}
