package dev.blueprint.postgres;

import dev.blueprint.store.ConnectionRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The schema, as numbered migrations applied in order. Every instance migrates on start; an advisory lock makes
 * them take turns, so the first one migrates and the others find the work done.
 */
final class PostgresSchema {
    static final String CONNECTIONS = "blueprint_connections";
    static final String BUCKETS = "blueprint_buckets";
    static final String BLOCKS = "blueprint_rate_blocks";
    private static final long MIGRATION_LOCK = 0x626c75657072696eL; // "blueprin"

    /** Migration n (1-based) brings the schema to version n. Append only; never edit a released one. */
    private static final List<String> MIGRATIONS = List.of(
            new ConnectionRows(CONNECTIONS, Optional.empty(), "").createTable() + ";"
                    + "CREATE TABLE IF NOT EXISTS " + BUCKETS + " (id TEXT PRIMARY KEY, state BYTEA);"
                    + "CREATE TABLE IF NOT EXISTS " + BLOCKS + " (key TEXT PRIMARY KEY, blocked_until BIGINT NOT NULL)",
            // 2: the key check, so that no row is ever written under a second encryption key.
            new ConnectionRows(CONNECTIONS, Optional.empty(), "").createMetaTable(),
            // 3: when access tokens were issued (a refresh margin is at most half a token's lifetime).
            "ALTER TABLE " + CONNECTIONS + " ADD COLUMN IF NOT EXISTS issued_at BIGINT");

    /** The schema version this engine migrates to. */
    static final int VERSION = MIGRATIONS.size();

    private PostgresSchema() {
    }

    static int migrate(DataSource database) throws SQLException {
        try (Connection db = database.getConnection(); Statement statement = db.createStatement()) {
            db.setAutoCommit(false);
            try {
                statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                statement.execute("CREATE TABLE IF NOT EXISTS blueprint_schema (version INT NOT NULL)");
                int version = 0;
                try (ResultSet row = statement.executeQuery("SELECT max(version) FROM blueprint_schema")) {
                    if (row.next()) {
                        version = row.getInt(1);
                    }
                }
                if (version > MIGRATIONS.size()) {
                    throw new SQLException("the database has schema version " + version + ", newer than this engine's "
                            + MIGRATIONS.size() + "; upgrade the engine");
                }
                for (int next = version + 1; next <= MIGRATIONS.size(); next++) {
                    statement.execute(MIGRATIONS.get(next - 1));
                    statement.execute("INSERT INTO blueprint_schema (version) VALUES (" + next + ")");
                }
                db.commit();
                return MIGRATIONS.size();
            } catch (SQLException e) {
                db.rollback();
                throw e;
            }
        }
    }
}
