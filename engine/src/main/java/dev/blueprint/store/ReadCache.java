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

    private final Map<String, Cached> entries = new ConcurrentHashMap<>();

    /** The cached connection if fresh, else what {@code read} returns (then cached). */
    public Optional<StoredConnection> get(String integration, String connectionId, Supplier<Optional<StoredConnection>> read) {
        String key = key(integration, connectionId);
        Cached cached = entries.get(key);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAt() < FRESH_NANOS) {
            return cached.connection();
        }
        Optional<StoredConnection> connection = read.get();
        entries.put(key, new Cached(connection, now));
        return connection;
    }

    /** What {@code read} returns, cached, whatever the cache held. */
    public Optional<StoredConnection> reread(String integration, String connectionId, Supplier<Optional<StoredConnection>> read) {
        Optional<StoredConnection> connection = read.get();
        entries.put(key(integration, connectionId), new Cached(connection, System.nanoTime()));
        return connection;
    }

    /** Records what this process just wrote. */
    public void remember(StoredConnection connection) {
        entries.put(key(connection.integration(), connection.connectionId()), new Cached(Optional.of(connection), System.nanoTime()));
    }

    private static String key(String integration, String connectionId) {
        return integration + "\u0000" + connectionId;
    }
}
