package dev.blueprint.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.StoreException;
import dev.blueprint.spi.StoredConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connections table as SQL that SQLite and PostgreSQL both accept: one row per connection, token values
 * encrypted (AES-256-GCM, bound to their row and column) when a cipher is given. Stores own the transactions
 * and locking; this class only reads and writes rows.
 */
public final class ConnectionRows {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The key check of a store created without a key. */
    private static final String PLAINTEXT = "none";
    /** The key check of an encrypted store whose key is not the one at hand (it was created before checks). */
    private static final String UNKNOWN_KEY = "hmac-sha256:unknown";

    private final String table;
    private final Optional<TokenCipher> cipher;
    private final String storeName;
    /** Why this key may not use the store; null when it may. */
    private volatile String refusal;

    /**
     * @param table     the table's name (a constant of the store, never user input)
     * @param cipher    encrypts token values at rest, if present
     * @param storeName how errors name the store (a file or a database, never a password)
     */
    public ConnectionRows(String table, Optional<TokenCipher> cipher, String storeName) {
        this.table = table;
        this.cipher = cipher;
        this.storeName = storeName;
    }

    /** The table's definition; {@code bigint} is what both dialects call a 64-bit integer column. */
    public String createTable() {
        return """
                CREATE TABLE IF NOT EXISTS %s (
                  integration TEXT NOT NULL,
                  connection_id TEXT NOT NULL,
                  config TEXT NOT NULL,
                  kind TEXT NOT NULL,
                  username TEXT,
                  secret TEXT,
                  refresh_token TEXT,
                  expires_at BIGINT,
                  refresh_issued_at BIGINT,
                  issued_at BIGINT,
                  reauthorization_reason TEXT,
                  updated_at BIGINT NOT NULL,
                  PRIMARY KEY (integration, connection_id))""".formatted(table);
    }

    public boolean encrypted() {
        return cipher.isPresent();
    }

    /** Columns added after the table's first version, for stores created before them: {@code ALTER TABLE ... ADD COLUMN}. */
    public List<String> addedColumns() {
        return List.of("issued_at BIGINT");
    }

    /** The definition of the table that remembers how the store was created (its key check). */
    public String createMetaTable() {
        return "CREATE TABLE IF NOT EXISTS " + table + "_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)";
    }

    /**
     * Makes sure every row is written under one key, or none: on a new store, records which (a check value of the
     * key, never the key); on an existing one, a different key, a missing key, or a key for a store created without
     * one makes every later read and write fail with a {@link StoreException} that says which setting to change, so
     * nothing is ever written under a second key. Run it inside the transaction that opens the store, after
     * {@link #createMetaTable()}.
     */
    public void checkKey(Connection db) throws SQLException {
        String expected = cipher.map(TokenCipher::checkValue).orElse(PLAINTEXT);
        Optional<String> recorded = keyCheck(db);
        if (recorded.isEmpty()) {
            recorded = inferKeyCheck(db);
            if (recorded.isEmpty()) {
                recordKeyCheck(db, expected);
                return;
            }
            if (!recorded.get().equals(UNKNOWN_KEY)) {
                recordKeyCheck(db, recorded.get()); // learned from the rows; a key that cannot read them records nothing
            }
        }
        String found = recorded.get();
        if (found.equals(expected)) {
            refusal = null;
        } else if (found.equals(PLAINTEXT)) {
            refusal = "was created without BLUEPRINT_ENCRYPTION_KEY and holds unencrypted tokens; unset the key to use it, "
                    + "or start a new store (connect again) to have tokens encrypted";
        } else if (cipher.isEmpty()) {
            refusal = "is encrypted: set BLUEPRINT_ENCRYPTION_KEY to the key it was created with";
        } else {
            refusal = "was created with another key (wrong BLUEPRINT_ENCRYPTION_KEY): set the key it was created with";
        }
    }

    /** Refuses every read and write when the key does not fit the store ({@link #checkKey}). */
    private void usable() {
        String why = refusal;
        if (why != null) {
            throw new StoreException("the credential store " + storeName + " " + why + "; nothing was read or written", null);
        }
    }

    private Optional<String> keyCheck(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement("SELECT value FROM " + table + "_meta WHERE name = 'key_check'");
             ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
        }
    }

    private void recordKeyCheck(Connection db, String value) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO " + table + "_meta (name, value) VALUES ('key_check', ?) ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, value);
            insert.executeUpdate();
        }
    }

    /**
     * A store written before key checks existed: its rows say how it was written. An encrypted value is tried with
     * this key; a store of plaintext values was created without one. Empty for a store without token values.
     */
    private Optional<String> inferKeyCheck(Connection db) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT integration, connection_id, secret FROM " + table + " WHERE secret IS NOT NULL LIMIT 1");
             ResultSet row = query.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            String stored = row.getString(3);
            if (!TokenCipher.isEncrypted(stored)) {
                return Optional.of(PLAINTEXT);
            }
            if (cipher.isEmpty()) {
                return Optional.of(UNKNOWN_KEY);
            }
            try {
                cipher.get().decrypt(stored, row.getString(1) + "\u0000" + row.getString(2) + "\u0000secret");
                return Optional.of(cipher.get().checkValue());
            } catch (IllegalStateException wrongKey) {
                return Optional.of(UNKNOWN_KEY);
            }
        }
    }

    /** Reads one connection; {@code suffix} is appended to the SELECT (PostgreSQL's {@code FOR UPDATE}). */
    public Optional<StoredConnection> read(Connection db, String integration, String connectionId, String suffix) throws SQLException {
        usable();
        try (PreparedStatement query = db.prepareStatement(
                "SELECT config, kind, username, secret, refresh_token, expires_at, refresh_issued_at, reauthorization_reason, issued_at "
                        + "FROM " + table + " WHERE integration = ? AND connection_id = ?" + suffix)) {
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
                            Optional.ofNullable(refresh).map(Secret::of), instant(row, 6), instant(row, 7), instant(row, 9));
                    default -> new Credentials.None();
                };
                return Optional.of(new StoredConnection(integration, connectionId, config, credentials,
                        Optional.ofNullable(row.getString(8))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("credential store " + storeName + ": a connection's config is not JSON", e);
        }
    }

    /** The connection ids of {@code integration}, in order. */
    public List<String> ids(Connection db, String integration) throws SQLException {
        usable();
        try (PreparedStatement query = db.prepareStatement(
                "SELECT connection_id FROM " + table + " WHERE integration = ? ORDER BY connection_id")) {
            query.setString(1, integration);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    /** Inserts or replaces the connection's row. */
    public void write(Connection db, StoredConnection connection) throws SQLException {
        usable();
        String context = connection.integration() + "\u0000" + connection.connectionId();
        String kind = "none";
        String username = null;
        String secret = null;
        String refresh = null;
        Long expiresAt = null;
        Long refreshIssuedAt = null;
        Long issuedAt = null;
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
            issuedAt = tokens.issuedAt().map(Instant::toEpochMilli).orElse(null);
        }
        try (PreparedStatement upsert = db.prepareStatement("""
                INSERT INTO %s (integration, connection_id, config, kind, username, secret, refresh_token,
                  expires_at, refresh_issued_at, reauthorization_reason, updated_at, issued_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (integration, connection_id) DO UPDATE SET config = excluded.config, kind = excluded.kind,
                  username = excluded.username, secret = excluded.secret, refresh_token = excluded.refresh_token,
                  expires_at = excluded.expires_at, refresh_issued_at = excluded.refresh_issued_at,
                  reauthorization_reason = excluded.reauthorization_reason, updated_at = excluded.updated_at,
                  issued_at = excluded.issued_at""".formatted(table))) {
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
            setLong(upsert, 12, issuedAt);
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
        TokenCipher key = cipher.orElseThrow(() -> new StoreException(
                "the credential store " + storeName + " is encrypted: set BLUEPRINT_ENCRYPTION_KEY to read it", null));
        try {
            return key.decrypt(stored, context);
        } catch (IllegalStateException e) {
            throw new StoreException("the credential store " + storeName + ": " + e.getMessage(), null);
        }
    }

    private static Optional<Instant> instant(ResultSet row, int column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
