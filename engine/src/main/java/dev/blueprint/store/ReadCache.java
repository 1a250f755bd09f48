package dev.blueprint.store;

import dev.blueprint.spi.StoredConnection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Recent reads of a database-backed store, so a request does not cost a query. Entries live one second:
 * changes other processes make show within that time. Updates must always read the database itself, so a
 * refresh never works from a stale refresh token.
 */
public final class ReadCache {
    private static final long FRESH_NANOS = 1_000_000_000L;

    private record Cached(Optional<StoredConnection> connection, long readAt) {
    }

    /** How a store reads one connection from its database. */
    @FunctionalInterface
    public interface Reader {
        Optional<StoredConnection> read(String integration, String connectionId);
    }

    // By integration, then connection: a look-up builds no combined key.
    private final Map<String, Map<String, Cached>> entries = new ConcurrentHashMap<>();

    /** The cached connection if fresh, else what {@code read} returns (then cached). */
    public Optional<StoredConnection> get(String integration, String connectionId, Supplier<Optional<StoredConnection>> read) {
        return get(integration, connectionId, (i, c) -> read.get());
    }

    /**
     * The cached connection if fresh, else what {@code reader} reads (then cached). A store that keeps its reader in a
     * field allocates nothing for a fresh entry.
     */
    public Optional<StoredConnection> get(String integration, String connectionId, Reader reader) {
        Cached cached = of(integration).get(connectionId);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAt() < FRESH_NANOS) {
            return cached.connection();
        }
        Optional<StoredConnection> connection = reader.read(integration, connectionId);
        of(integration).put(connectionId, new Cached(connection, now));
        return connection;
    }

    /** What {@code read} returns, cached, whatever the cache held. */
    public Optional<StoredConnection> reread(String integration, String connectionId, Supplier<Optional<StoredConnection>> read) {
        Optional<StoredConnection> connection = read.get();
        of(integration).put(connectionId, new Cached(connection, System.nanoTime()));
        return connection;
    }

    /** Records what this process just wrote. */
    public void remember(StoredConnection connection) {
        of(connection.integration()).put(connection.connectionId(), new Cached(Optional.of(connection), System.nanoTime()));
    }

    private Map<String, Cached> of(String integration) {
        Map<String, Cached> byConnection = entries.get(integration);
        return byConnection != null ? byConnection : entries.computeIfAbsent(integration, i -> new ConcurrentHashMap<>());
    }
}
