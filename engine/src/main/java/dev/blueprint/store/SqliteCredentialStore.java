package dev.blueprint.store;

import dev.blueprint.StoreException;
import dev.blueprint.spi.CredentialStore;
import dev.blueprint.spi.RenewalLock;
import dev.blueprint.spi.StoredConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The embedded default {@link CredentialStore}: one SQLite file (by default
 * {@code $BLUEPRINT_HOME/credentials.db}, {@code ~/.blueprint} when unset). {@link #update} runs inside
 * {@code BEGIN IMMEDIATE}, which SQLite serialises across every process that shares the file; token renewals take
 * {@link #lockForRenewal}, a lock outside the database, so that a slow token endpoint never holds the database.
 * Token values are encrypted with AES-256-GCM when a key is given.
 */
public final class SqliteCredentialStore implements CredentialStore, AutoCloseable {
    private static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private final Path file;
    private final String url;
    private final ConnectionRows rows;
    private final Connection reader;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final ReadCache cache = new ReadCache();
    private final ReadCache.Reader readNow = this::readNow; // made once: a cached read allocates nothing
    private final FileRenewalLocks renewals;

    private SqliteCredentialStore(Path file, Optional<TokenCipher> cipher) throws SQLException {
        this.file = file;
        this.url = "jdbc:sqlite:" + file;
        this.rows = new ConnectionRows("connections", cipher, file.toString());
        this.renewals = new FileRenewalLocks(file);
        this.reader = open();
        try (Statement statement = reader.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute(rows.createTable());
            addMissingColumns(statement);
            statement.execute(rows.createMetaTable());
            // Serialised with other processes creating the same store: one key check is recorded, then compared.
            statement.execute("BEGIN IMMEDIATE");
            try {
                rows.checkKey(reader);
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            reader.close();
            throw e;
        }
        FilePermissions.ownerOnly(file, List.of(Path.of(file + "-wal"), Path.of(file + "-shm")));
    }

    /**
     * Opens (creating if needed) the store at {@code file}.
     *
     * @param encryptionKey the {@code BLUEPRINT_ENCRYPTION_KEY} setting, if any: 32 bytes in base64, or a passphrase
     * Created owner-only (a directory 700, the files 600), since it holds credentials; wider permissions on an existing
     * store are logged as a warning.
     *
     * @throws StoreException naming the file when it cannot be opened
     */
    public static SqliteCredentialStore open(Path file, Optional<String> encryptionKey) {
        try {
            FilePermissions.createOwnerOnly(file);
            return new SqliteCredentialStore(file, encryptionKey.filter(k -> !k.isBlank()).map(TokenCipher::fromSetting));
        } catch (IOException e) {
            throw new StoreException("cannot create the credential store " + file + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new StoreException("cannot open the credential store " + file + ": " + e.getMessage(), e);
        }
    }

    /** A store created by an older engine gets the columns added since (SQLite has no ADD COLUMN IF NOT EXISTS). */
    private void addMissingColumns(Statement statement) throws SQLException {
        java.util.Set<String> existing = new java.util.HashSet<>();
        try (java.sql.ResultSet columns = statement.executeQuery("PRAGMA table_info(connections)")) {
            while (columns.next()) {
                existing.add(columns.getString("name"));
            }
        }
        for (String column : rows.addedColumns()) {
            if (!existing.contains(column.split(" ")[0])) {
                statement.execute("ALTER TABLE connections ADD COLUMN " + column);
            }
        }
    }

    /** Whether token values are encrypted at rest. */
    public boolean encrypted() {
        return rows.encrypted();
    }

    public Path file() {
        return file;
    }

    private Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MILLIS);
        }
        return connection;
    }

    @Override
    public Optional<StoredConnection> load(String integration, String connectionId) {
        return cache.get(integration, connectionId, readNow);
    }

    @Override
    public Optional<StoredConnection> loadLatest(String integration, String connectionId) {
        return cache.reread(integration, connectionId, () -> readNow(integration, connectionId));
    }

    private Optional<StoredConnection> readNow(String integration, String connectionId) {
        synchronized (reader) {
            return read(reader, integration, connectionId);
        }
    }

    private void remember(StoredConnection connection) {
        cache.remember(connection);
    }

    @Override
    public void save(StoredConnection connection) {
        synchronized (lock(connection.integration(), connection.connectionId())) {
            try (Connection db = open()) {
                write(db, connection);
                remember(connection);
            } catch (SQLException e) {
                throw failure("save", e);
            }
        }
    }

    @Override
    public StoredConnection update(String integration, String connectionId, UnaryOperator<StoredConnection> update) {
        synchronized (lock(integration, connectionId)) {
            try (Connection db = open(); Statement statement = db.createStatement()) {
                // The write lock on the file, taken before reading: other processes wait here.
                statement.execute("BEGIN IMMEDIATE");
                try {
                    StoredConnection current = read(db, integration, connectionId).orElseThrow(() ->
                            new StoreException("no connection '" + connectionId + "' of integration '" + integration + "'", null));
                    StoredConnection updated = update.apply(current);
                    if (!updated.equals(current)) {
                        write(db, updated);
                    }
                    statement.execute("COMMIT");
                    remember(updated);
                    return updated;
                } catch (RuntimeException | SQLException e) {
                    statement.execute("ROLLBACK");
                    throw e;
                }
            } catch (SQLException e) {
                throw failure("update", e);
            }
        }
    }

    /** A byte-range lock on {@code credentials.db.renewals}: the database stays free while a token endpoint is called. */
    @Override
    public Optional<RenewalLock> lockForRenewal(String integration, String connectionId) {
        return Optional.of(renewals.acquire(integration, connectionId));
    }

    @Override
    public List<StoredConnection> list(String integration) {
        synchronized (reader) {
            try {
                List<StoredConnection> result = new ArrayList<>();
                for (String id : rows.ids(reader, integration)) {
                    read(reader, integration, id).ifPresent(result::add);
                }
                return result;
            } catch (SQLException e) {
                throw failure("list", e);
            }
        }
    }

    private Optional<StoredConnection> read(Connection db, String integration, String connectionId) {
        try {
            return rows.read(db, integration, connectionId, "");
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private void write(Connection db, StoredConnection connection) throws SQLException {
        rows.write(db, connection);
    }

    private Object lock(String integration, String connectionId) {
        return locks.computeIfAbsent(integration + "\u0000" + connectionId, k -> new Object());
    }

    private StoreException failure(String what, Exception e) {
        // SQLite messages name tables and columns, never values.
        return new StoreException("credential store " + file + ": " + what + " failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    @Override
    public String toString() {
        return "SqliteCredentialStore[" + file + (encrypted() ? ", encrypted" : "") + "]";
    }
}
