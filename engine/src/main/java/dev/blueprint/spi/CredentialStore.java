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
}
