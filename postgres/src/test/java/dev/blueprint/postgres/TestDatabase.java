package dev.blueprint.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL the tests use: {@code BLUEPRINT_TEST_POSTGRES_URL} (.ci/run starts one and sets it). Each test
 * gets a schema of its own, so tests never see each other's tables.
 */
final class TestDatabase {
    static final String VARIABLE = "BLUEPRINT_TEST_POSTGRES_URL";
    private static final java.util.concurrent.atomic.AtomicBoolean SAID_WHY = new java.util.concurrent.atomic.AtomicBoolean();

    private TestDatabase() {
    }

    /** The server's URL; in CI a missing server fails the run instead of skipping the tests. */
    static String serverUrl() {
        String url = System.getenv(VARIABLE);
        if (url == null || url.isBlank()) {
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(VARIABLE + " is not set: .ci/run must start PostgreSQL for these tests");
            }
            if (!SAID_WHY.getAndSet(true)) {
                // Surefire counts skipped tests without their reason: the console says it once.
                System.out.println("PostgreSQL tests skipped: " + VARIABLE + " is not set (start PostgreSQL and set it, e.g. "
                        + "jdbc:postgresql://127.0.0.1:5432/blueprint_test?user=blueprint&password=blueprint; .ci/run does)");
            }
            Assumptions.abort(VARIABLE + " is not set; start PostgreSQL and set it to run these tests");
        }
        return url;
    }

    /** A URL whose connections work in a new, empty schema. */
    static String freshSchema() throws SQLException {
        String server = serverUrl();
        String schema = "t" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection db = DriverManager.getConnection(server); Statement statement = db.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
