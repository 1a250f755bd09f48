package dev.blueprint.store;

import dev.blueprint.StoreException;
import dev.blueprint.spi.CredentialStore;
import dev.blueprint.spi.RenewalLock;
import dev.blueprint.spi.StoredConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** A {@link CredentialStore} in memory, for tests and short-lived processes. */
public final class InMemoryCredentialStore implements CredentialStore {
    /** Hand-written equals/hashCode: this lookup runs on every request. */
    private static final class Key {
        private final String integration;
        private final String connectionId;
        private final int hash;

        Key(String integration, String connectionId) {
            this.integration = integration;
            this.connectionId = connectionId;
            this.hash = 31 * integration.hashCode() + connectionId.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && hash == key.hash
                    && integration.equals(key.integration) && connectionId.equals(key.connectionId);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final Map<Key, StoredConnection> connections = new ConcurrentHashMap<>();
    private final Map<Key, Object> locks = new ConcurrentHashMap<>();
    private final RenewalLocks renewals = new RenewalLocks();

    @Override
    public Optional<StoredConnection> load(String integration, String connectionId) {
        return Optional.ofNullable(connections.get(new Key(integration, connectionId)));
    }

    @Override
    public void save(StoredConnection connection) {
        connections.put(new Key(connection.integration(), connection.connectionId()), connection);
    }

    @Override
    public StoredConnection update(String integration, String connectionId, UnaryOperator<StoredConnection> update) {
        Key key = new Key(integration, connectionId);
        // A lock per connection: an update may call a token endpoint, which must not hold up other connections.
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            StoredConnection current = connections.get(key);
            if (current == null) {
                throw new StoreException("no connection '" + connectionId + "' of integration '" + integration + "'", null);
            }
            StoredConnection updated = update.apply(current);
            connections.put(key, updated);
            return updated;
        }
    }

    @Override
    public Optional<RenewalLock> lockForRenewal(String integration, String connectionId) {
        return Optional.of(renewals.acquire(integration, connectionId));
    }

    @Override
    public List<StoredConnection> list(String integration) {
        return connections.values().stream().filter(c -> c.integration().equals(integration))
                .sorted(java.util.Comparator.comparing(StoredConnection::connectionId)).toList();
    }

    @Override
    public String toString() {
        return "InMemoryCredentialStore[" + connections.size() + " connections]";
    }
}
