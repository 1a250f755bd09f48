package dev.blueprint.spi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.internal.store.TokenCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The embedded default {@link CredentialStore}: one SQLite file (by default
 * {@code $BLUEPRINT_HOME/credentials.db}, {@code ~/.blueprint} when unset). {@link #update} runs inside
 * {@code BEGIN IMMEDIATE}, which SQLite serialises across every process that shares the file, so a token
 * refresh is single-flight across processes too. Token values are encrypted with AES-256-GCM when a key is
 * given.
 */
public final class SqliteCredentialStore implements CredentialStore, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private final Path file;
    private final String url;
    private final Optional<TokenCipher> cipher;
    private final Connection reader;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /**
     * Recent reads, so a request does not query SQLite each time. Entries live {@link #CACHE_NANOS}: changes
     * made by other processes show within that time, and {@link #update} always reads the file itself, so a
     * refresh never works from a stale refresh token.
     */
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private static final long CACHE_NANOS = 1_000_000_000L;

    private record Cached(Optional<StoredConnection> connection, long readAt) {
    }

    private SqliteCredentialStore(Path file, Optional<TokenCipher> cipher) throws SQLException {
        this.file = file;
        this.url = "jdbc:sqlite:" + file;
        this.cipher = cipher;
        this.reader = open();
        try (Statement statement = reader.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS connections (
                      integration TEXT NOT NULL,
                      connection_id TEXT NOT NULL,
                      config TEXT NOT NULL,
                      kind TEXT NOT NULL,
                      username TEXT,
                      secret TEXT,
                      refresh_token TEXT,
                      expires_at INTEGER,
                      refresh_issued_at INTEGER,
                      reauthorization_reason TEXT,
                      updated_at INTEGER NOT NULL,
                      PRIMARY KEY (integration, connection_id))""");
        }
    }

    /**
     * Opens (creating if needed) the store at {@code file}.
     *
     * @param encryptionKey the {@code BLUEPRINT_ENCRYPTION_KEY} setting, if any: 32 bytes in base64, or a passphrase
     * @throws IllegalStateException naming the file when it cannot be opened
     */
    public static SqliteCredentialStore open(Path file, Optional<String> encryptionKey) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new SqliteCredentialStore(file, encryptionKey.filter(k -> !k.isBlank()).map(TokenCipher::fromSetting));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the credential store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether token values are encrypted at rest. */
    public boolean encrypted() {
        return cipher.isPresent();
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
        String key = integration + "\u0000" + connectionId;
        Cached cached = cache.get(key);
        long now = System.nanoTime();
        if (cached != null && now - cached.readAt() < CACHE_NANOS) {
            return cached.connection();
        }
        Optional<StoredConnection> connection;
        synchronized (reader) {
            connection = read(reader, integration, connectionId);
        }
        cache.put(key, new Cached(connection, now));
        return connection;
    }

    private void remember(StoredConnection connection) {
        cache.put(connection.integration() + "\u0000" + connection.connectionId(), new Cached(Optional.of(connection), System.nanoTime()));
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
                            new IllegalStateException("no connection '" + connectionId + "' of integration '" + integration + "'"));
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

    @Override
    public List<StoredConnection> list(String integration) {
        synchronized (reader) {
            try (PreparedStatement query = reader.prepareStatement(
                    "SELECT connection_id FROM connections WHERE integration = ? ORDER BY connection_id")) {
                query.setString(1, integration);
                List<String> ids = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                List<StoredConnection> result = new ArrayList<>();
                for (String id : ids) {
                    read(reader, integration, id).ifPresent(result::add);
                }
                return result;
            } catch (SQLException e) {
                throw failure("list", e);
            }
        }
    }

    private Optional<StoredConnection> read(Connection db, String integration, String connectionId) {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT config, kind, username, secret, refresh_token, expires_at, refresh_issued_at, reauthorization_reason "
                        + "FROM connections WHERE integration = ? AND connection_id = ?")) {
            query.setString(1, integration);
            query.setString(2, connectionId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String context = integration + "\u0000" + connectionId;
                Map<String, String> config = JSON.readValue(row.getString(1), new TypeReference<Map<String, String>>() { });
                String secret = reveal(row.getString(4), context + "\u0000secret");
                String refresh = reveal(row.getString(5), context + "\u0000refresh");
                Credentials credentials = switch (row.getString(2)) {
                    case "api_key" -> Credentials.apiKey(secret);
                    case "basic" -> Credentials.basic(row.getString(3), secret);
                    case "bearer" -> Credentials.bearer(secret);
                    case "oauth2" -> new Credentials.OAuth2Tokens(Secret.of(secret),
                            Optional.ofNullable(refresh).map(Secret::of), instant(row, 6), instant(row, 7));
                    default -> new Credentials.None();
                };
                return Optional.of(new StoredConnection(integration, connectionId, config, credentials,
                        Optional.ofNullable(row.getString(8))));
            }
        } catch (SQLException | IOException e) {
            throw failure("read", e);
        }
    }

    private void write(Connection db, StoredConnection connection) throws SQLException {
        String context = connection.integration() + "\u0000" + connection.connectionId();
        String kind = "none";
        String username = null;
        String secret = null;
        String refresh = null;
        Long expiresAt = null;
        Long refreshIssuedAt = null;
        Credentials credentials = connection.credentials();
        if (credentials instanceof Credentials.ApiKey key) {
            kind = "api_key";
            secret = key.key().reveal();
        } else if (credentials instanceof Credentials.Basic basic) {
            kind = "basic";
            username = basic.username();
            secret = basic.password().reveal();
        } else if (credentials instanceof Credentials.Bearer bearer) {
            kind = "bearer";
            secret = bearer.token().reveal();
        } else if (credentials instanceof Credentials.OAuth2Tokens tokens) {
            kind = "oauth2";
            secret = tokens.accessToken().reveal();
            refresh = tokens.refreshToken().map(Secret::reveal).orElse(null);
            expiresAt = tokens.expiresAt().map(Instant::toEpochMilli).orElse(null);
            refreshIssuedAt = tokens.refreshTokenIssuedAt().map(Instant::toEpochMilli).orElse(null);
        }
        try (PreparedStatement upsert = db.prepareStatement("""
                INSERT INTO connections (integration, connection_id, config, kind, username, secret, refresh_token,
                  expires_at, refresh_issued_at, reauthorization_reason, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (integration, connection_id) DO UPDATE SET config = excluded.config, kind = excluded.kind,
                  username = excluded.username, secret = excluded.secret, refresh_token = excluded.refresh_token,
                  expires_at = excluded.expires_at, refresh_issued_at = excluded.refresh_issued_at,
                  reauthorization_reason = excluded.reauthorization_reason, updated_at = excluded.updated_at""")) {
            upsert.setString(1, connection.integration());
            upsert.setString(2, connection.connectionId());
            upsert.setString(3, JSON.writeValueAsString(connection.config()));
            upsert.setString(4, kind);
            upsert.setString(5, username);
            upsert.setString(6, conceal(secret, context + "\u0000secret"));
            upsert.setString(7, conceal(refresh, context + "\u0000refresh"));
            setLong(upsert, 8, expiresAt);
            setLong(upsert, 9, refreshIssuedAt);
            upsert.setString(10, connection.reauthorizationReason().orElse(null));
            upsert.setLong(11, System.currentTimeMillis());
            upsert.executeUpdate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String conceal(String value, String context) {
        return value == null ? null : cipher.map(c -> c.encrypt(value, context)).orElse(value);
    }

    private String reveal(String stored, String context) {
        if (stored == null || !TokenCipher.isEncrypted(stored)) {
            return stored;
        }
        return cipher.orElseThrow(() -> new IllegalStateException(
                "the credential store " + file + " is encrypted: set BLUEPRINT_ENCRYPTION_KEY to read it")).decrypt(stored, context);
    }

    private static Optional<Instant> instant(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, value);
        }
    }

    private Object lock(String integration, String connectionId) {
        return locks.computeIfAbsent(integration + "\u0000" + connectionId, k -> new Object());
    }

    private IllegalStateException failure(String what, Exception e) {
        // SQLite messages name tables and columns, never values.
        return new IllegalStateException("credential store " + file + ": " + what + " failed: " + e.getMessage(), e);
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
