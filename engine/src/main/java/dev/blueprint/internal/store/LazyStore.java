package dev.blueprint.internal.store;

import dev.blueprint.spi.CredentialStore;
import dev.blueprint.spi.RenewalLock;
import dev.blueprint.spi.StoredConnection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Opens the real store on first use, so an engine that never touches credentials creates no file. */
public final class LazyStore implements CredentialStore, AutoCloseable {
    private final Supplier<CredentialStore> opener;
    private volatile CredentialStore store;

    public LazyStore(Supplier<CredentialStore> opener) {
        this.opener = opener;
    }

    private CredentialStore store() {
        CredentialStore current = store;
        if (current == null) {
            synchronized (this) {
                if (store == null) {
                    store = opener.get();
                }
                current = store;
            }
        }
        return current;
    }

    @Override
    public Optional<StoredConnection> load(String integration, String connectionId) {
        return store().load(integration, connectionId);
    }

    @Override
    public Optional<StoredConnection> loadLatest(String integration, String connectionId) {
        return store().loadLatest(integration, connectionId);
    }

    @Override
    public Optional<RenewalLock> lockForRenewal(String integration, String connectionId) {
        return store().lockForRenewal(integration, connectionId);
    }

    @Override
    public void save(StoredConnection connection) {
        store().save(connection);
    }

    @Override
    public StoredConnection update(String integration, String connectionId, UnaryOperator<StoredConnection> update) {
        return store().update(integration, connectionId, update);
    }

    @Override
    public List<StoredConnection> list(String integration) {
        return store().list(integration);
    }

    @Override
    public void close() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return "LazyStore[" + (store == null ? "not opened" : store) + "]";
    }
}
