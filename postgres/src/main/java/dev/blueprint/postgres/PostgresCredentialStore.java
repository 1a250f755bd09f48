package dev.blueprint.postgres;

import dev.blueprint.StoreException;
import dev.blueprint.spi.CredentialStore;
import dev.blueprint.spi.RenewalLock;
import dev.blueprint.spi.StoredConnection;
import dev.blueprint.store.ConnectionRows;
import dev.blueprint.store.LockPolling;
import dev.blueprint.store.ReadCache;
import dev.blueprint.store.RenewalLocks;
import dev.blueprint.store.TokenCipher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Connections in PostgreSQL, shared by every process that uses the database. {@link #update} holds the
 * connection's row lock ({@code SELECT … FOR UPDATE}) while the update runs, so a token refresh is single-flight
 * across processes: the others wait, then read the refreshed token. A wait is bounded by the lock timeout; the
 * lock of a process that dies goes with its database session.
 */
final class PostgresCredentialStore implements CredentialStore {
    /** PostgreSQL's lock_not_available. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final DataSource database;
    private final ConnectionRows rows;
    private final Duration lockTimeout;
    private final String name;
    private final ReadCache cache = new ReadCache();
    // Threads of this process queue here, not in the pool: a hundred waiting callers hold no database connection.
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final RenewalLocks renewals = new RenewalLocks();
    /** The advisory lock space of renewals: "blup". */
    private static final int RENEWAL_LOCKS = 0x626c7570;
    private final Duration holderTimeout;

    PostgresCredentialStore(DataSource database, Optional<TokenCipher> cipher, Duration lockTimeout, Duration holderTimeout, String name) {
        this.database = database;
        this.holderTimeout = holderTimeout;
        this.rows = new ConnectionRows(PostgresSchema.CONNECTIONS, cipher, name);
        this.lockTimeout = lockTimeout;
        this.name = name;
        checkKey();
    }

    /** One key per store, recorded by the first instance; instances opening at once take turns on the meta table. */
    private void checkKey() {
        try (Connection db = database.getConnection(); Statement statement = db.createStatement()) {
            db.setAutoCommit(false);
            try {
                statement.execute("LOCK TABLE " + PostgresSchema.CONNECTIONS + "_meta IN EXCLUSIVE MODE");
                rows.checkKey(db);
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("key check", e);
        }
    }

    @Override
    public Optional<StoredConnection> load(String integration, String connectionId) {
        return cache.get(integration, connectionId, () -> readNow(integration, connectionId));
    }

    @Override
    public Optional<StoredConnection> loadLatest(String integration, String connectionId) {
        return cache.reread(integration, connectionId, () -> readNow(integration, connectionId));
    }

    private Optional<StoredConnection> readNow(String integration, String connectionId) {
        try (Connection db = database.getConnection()) {
            return rows.read(db, integration, connectionId, "");
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    @Override
    public void save(StoredConnection connection) {
        synchronized (lock(connection.integration(), connection.connectionId())) {
            try (Connection db = database.getConnection()) {
                rows.write(db, connection);
                cache.remember(connection);
            } catch (SQLException e) {
                throw failure("save", e);
            }
        }
    }

    @Override
    public StoredConnection update(String integration, String connectionId, UnaryOperator<StoredConnection> update) {
        synchronized (lock(integration, connectionId)) {
            try (Connection db = database.getConnection()) {
                db.setAutoCommit(false);
                try (Statement statement = db.createStatement()) {
                    statement.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
                    StoredConnection current = rows.read(db, integration, connectionId, " FOR UPDATE").orElseThrow(() ->
                            new StoreException("no connection '" + connectionId + "' of integration '" + integration + "'", null));
                    StoredConnection updated = update.apply(current);
                    if (!updated.equals(current)) {
                        rows.write(db, updated);
                    }
                    db.commit();
                    cache.remember(updated);
                    return updated;
                } catch (RuntimeException | SQLException e) {
                    db.rollback();
                    throw e;
                } finally {
                    db.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw new StoreException("credential store " + name + ": connection '" + connectionId + "' of '"
                            + integration + "' stayed locked by another process for more than " + lockTimeout
                            + " (a refresh that is taking long, or a process that hangs holding it); try again", e);
                }
                throw failure("update", e);
            }
        }
    }

    /**
     * A session-level advisory lock per connection, on a pooled connection held while the token endpoint is called:
     * no row lock and no transaction, so reads and other connections go on. The server drops it with the session of
     * a process that dies; a process that hangs loses its session after the holder timeout.
     */
    @Override
    public Optional<RenewalLock> lockForRenewal(String integration, String connectionId) {
        RenewalLock local = renewals.acquire(integration, connectionId);
        Connection db = null;
        try {
            db = database.getConnection();
            try (Statement statement = db.createStatement()) {
                statement.execute("SET idle_session_timeout = " + holderTimeout.toMillis());
            } catch (SQLException olderServer) {
                // before PostgreSQL 14: a hanging holder then keeps the lock until its connection is closed
            }
            int key = key(integration, connectionId);
            awaitAdvisoryLock(db, key, integration, connectionId);
            Connection held = db;
            return Optional.of(() -> {
                try (held; PreparedStatement unlock = held.prepareStatement("SELECT pg_advisory_unlock(?, ?)");
                     Statement reset = held.createStatement()) {
                    unlock.setInt(1, RENEWAL_LOCKS);
                    unlock.setInt(2, key);
                    unlock.execute();
                    reset.execute("RESET idle_session_timeout");
                } catch (SQLException e) {
                    // closing the connection ends the lock with the session if unlocking failed
                } finally {
                    local.close();
                }
            });
        } catch (SQLException e) {
            closeQuietly(db);
            local.close();
            throw failure("renewal lock", e);
        } catch (RuntimeException e) {
            closeQuietly(db);
            local.close();
            throw e;
        }
    }

    private void awaitAdvisoryLock(Connection db, int key, String integration, String connectionId) throws SQLException {
        try (PreparedStatement tryLock = db.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            tryLock.setInt(1, RENEWAL_LOCKS);
            tryLock.setInt(2, key);
            LockPolling.await(() -> {
                try (ResultSet locked = tryLock.executeQuery()) {
                    return locked.next() && locked.getBoolean(1) ? Boolean.TRUE : null;
                }
            }, "credential store " + name + ": connection '" + connectionId + "' of '" + integration + "'", holderTimeout,
                    Duration.ofMillis(5), Duration.ofMillis(200));
        }
    }

    private static int key(String integration, String connectionId) {
        return (int) LockPolling.key(integration, connectionId);
    }

    private static void closeQuietly(Connection db) {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // the session ends anyway
            }
        }
    }

    @Override
    public List<StoredConnection> list(String integration) {
        try (Connection db = database.getConnection()) {
            List<StoredConnection> result = new ArrayList<>();
            for (String id : rows.ids(db, integration)) {
                rows.read(db, integration, id, "").ifPresent(result::add);
            }
            return result;
        } catch (SQLException e) {
            throw failure("list", e);
        }
    }

    private Object lock(String integration, String connectionId) {
        return locks.computeIfAbsent(integration + "\u0000" + connectionId, k -> new Object());
    }

    private StoreException failure(String what, SQLException e) {
        // PostgreSQL's messages name tables, columns and constraints; bound values are never in them.
        return new StoreException("credential store " + name + ": " + what + " failed: " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "PostgresCredentialStore[" + name + (rows.encrypted() ? ", encrypted" : "") + "]";
    }
}
