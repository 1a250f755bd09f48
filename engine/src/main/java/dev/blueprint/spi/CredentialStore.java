package dev.blueprint.spi;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Keeps connections and their credentials. Implementations must be thread-safe.
 */
public interface CredentialStore {
    /** The connection, if stored. */
    Optional<StoredConnection> load(String integration, String connectionId);

    /**
     * The connection as the store holds it now, never from a cache of recent reads: what a caller holding the
     * {@linkplain #lockForRenewal renewal lock} must read, since another process may have written just before. The
     * default is {@link #load}, right for stores that cache nothing.
     */
    default Optional<StoredConnection> loadLatest(String integration, String connectionId) {
        return load(integration, connectionId);
    }

    /** Stores or replaces a connection. */
    void save(StoredConnection connection);

    /**
     * Atomically replaces a stored connection with {@code update} applied to it, holding a lock on that
     * connection so concurrent updaters run one at a time (token refresh relies on this).
     *
     * @return the stored result
     */
    StoredConnection update(String integration, String connectionId, UnaryOperator<StoredConnection> update);

    /** Every connection of {@code integration}. */
    List<StoredConnection> list(String integration);

    /**
     * Waits for the right to renew one connection's tokens, so that one caller renews while the others wait, across
     * processes for stores that several share. The token endpoint is called while it is held, so it must block
     * nothing else: not reads, not other connections, not {@link #update} (which then only reads and writes). It is
     * released by {@link RenewalLock#close()}, and by the death of the process holding it.
     *
     * <p>The default, empty, means the store offers no such lock: renewals then run inside {@link #update}, holding
     * whatever lock that takes during the call to the token endpoint.
     *
     * @throws dev.blueprint.StoreException when the lock stayed held by another caller for longer than the store waits
     */
    default Optional<RenewalLock> lockForRenewal(String integration, String connectionId) {
        return Optional.empty();
    }
}
