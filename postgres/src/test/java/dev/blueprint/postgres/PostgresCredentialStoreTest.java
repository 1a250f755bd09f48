package dev.blueprint.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.spi.CredentialStore;
import dev.blueprint.spi.StoredConnection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES) // a hang guard
class PostgresCredentialStoreTest {
    private static final String KEY = "postgres-test-key";

    private static StoredConnection oauth(String id, String access) {
        return new StoredConnection("acme", id, Map.of("region", "eu"), new Credentials.OAuth2Tokens(Secret.of(access),
                Optional.of(Secret.of("refresh-of-" + access)), Optional.of(Instant.now().truncatedTo(ChronoUnit.MILLIS)),
                Optional.of(Instant.parse("2026-11-28T10:00:00Z"))));
    }

    @Test
    void oneKeyPerDatabaseNoRowIsEverWrittenUnderAnother() throws Exception {
        String url = TestDatabase.freshSchema();
        try (PostgresBackend backend = PostgresBackend.open(url, PostgresOptions.defaults().withEncryptionKey(Optional.of(KEY)))) {
            backend.credentialStore().save(oauth("1", "pg-first-canary"));
        }
        for (Optional<String> other : List.of(Optional.of("another key"), Optional.<String>empty())) {
            try (PostgresBackend backend = PostgresBackend.open(url, PostgresOptions.defaults().withEncryptionKey(other))) {
                assertThatThrownBy(() -> backend.credentialStore().save(oauth("2", "pg-second-canary"))).as("key %s", other)
                        .isInstanceOf(dev.blueprint.StoreException.class).hasMessageContaining("BLUEPRINT_ENCRYPTION_KEY");
            }
        }
        try (PostgresBackend backend = PostgresBackend.open(url, PostgresOptions.defaults().withEncryptionKey(Optional.of(KEY)))) {
            assertThat(backend.credentialStore().list("acme")).extracting(StoredConnection::connectionId).containsExactly("1");
        }
    }

    @Test
    void everyKindOfCredentialsRoundTripsEncrypted() throws Exception {
        String url = TestDatabase.freshSchema();
        try (PostgresBackend backend = PostgresBackend.open(url, PostgresOptions.defaults().withEncryptionKey(Optional.of(KEY)))) {
            CredentialStore store = backend.credentialStore();
            List<StoredConnection> connections = List.of(
                    new StoredConnection("acme", "1", Map.of(), Credentials.apiKey("pg-api-key-canary")),
                    new StoredConnection("acme", "2", Map.of(), Credentials.basic("ann", "pg-password-canary")),
                    new StoredConnection("acme", "3", Map.of(), Credentials.bearer("pg-bearer-canary")),
                    oauth("4", "pg-access-canary"));
            connections.forEach(store::save);
            assertThat(store.list("acme")).containsExactlyElementsOf(connections);
            StoredConnection marked = store.update("acme", "4", c -> c.needingReauthorization("invalid_grant"));
            assertThat(marked.reauthorizationReason()).contains("invalid_grant");
            assertThat(backend.toString()).doesNotContain("password");
        }
        try (Connection db = DriverManager.getConnection(url); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT string_agg(coalesce(secret, '') || coalesce(refresh_token, ''), ' ') FROM blueprint_connections")) {
            rows.next();
            assertThat(rows.getString(1)).as("token values at rest").doesNotContain("canary");
        }
    }

    @Test
    void instancesStartingTogetherMigrateOnce() throws Exception {
        String url = TestDatabase.freshSchema();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<PostgresBackend>> opening = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                opening.add(pool.submit((Callable<PostgresBackend>) () -> PostgresBackend.open(url, PostgresOptions.defaults())));
            }
            for (Future<PostgresBackend> backend : opening) {
                backend.get().close();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection db = DriverManager.getConnection(url); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*), max(version) FROM blueprint_schema")) {
            rows.next();
            assertThat(rows.getInt(1)).as("one row per migration, each applied once").isEqualTo(PostgresSchema.VERSION);
            assertThat(rows.getInt(2)).isEqualTo(PostgresSchema.VERSION);
        }
    }

    @Test
    void aLockHeldTooLongIsAClearErrorAfterTheTimeout() throws Exception {
        String url = TestDatabase.freshSchema();
        try (PostgresBackend backend = PostgresBackend.open(url, PostgresOptions.defaults().withLockTimeout(Duration.ofMillis(500)));
             Connection holder = DriverManager.getConnection(url); Statement statement = holder.createStatement()) {
            backend.credentialStore().save(oauth("c1", "a1"));
            holder.setAutoCommit(false);
            statement.execute("SELECT * FROM blueprint_connections WHERE connection_id = 'c1' FOR UPDATE");
            assertThatThrownBy(() -> backend.credentialStore().update("acme", "c1", c -> c))
                    .isInstanceOf(dev.blueprint.StoreException.class)
                    .hasMessageContaining("connection 'c1' of 'acme' stayed locked by another process for more than PT0.5S");
            holder.rollback();
            assertThat(backend.credentialStore().update("acme", "c1", c -> c.needingReauthorization("x")).reauthorizationReason()).isPresent();
        }
    }

    @Test
    void aKilledLockHolderReleasesTheConnection() throws Exception {
        String url = TestDatabase.freshSchema();
        try (PostgresBackend backend = PostgresBackend.open(url, PostgresOptions.defaults().withLockTimeout(Duration.ofSeconds(20)))) {
            backend.credentialStore().save(oauth("c1", "a1"));
            Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), url)
                    .redirectErrorStream(true).start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                StringBuilder said = new StringBuilder();
                while ((line = lines.readLine()) != null && !line.equals("locked")) {
                    said.append(line).append('\n');
                }
                assertThat(line).as("the holder took the lock; it said:%n%s", said).isEqualTo("locked");
                holder.destroyForcibly(); // SIGKILL while it holds the row lock
                assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            long started = System.nanoTime();
            StoredConnection updated = backend.credentialStore().update("acme", "c1", c -> c.needingReauthorization("after the kill"));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            assertThat(updated.reauthorizationReason()).contains("after the kill");
            assertThat(waited).as("the dead holder's session ended with it").isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void describesTheDatabaseWithoutCredentials() {
        assertThat(PostgresBackend.describe("jdbc:postgresql://db.internal:5432/app?user=svc&password=hunter2"))
                .isEqualTo("postgresql://db.internal:5432/app");
        assertThat(new PostgresStoreProvider().accepts("jdbc:postgresql://x/y")).isTrue();
        assertThat(new PostgresStoreProvider().accepts("jdbc:sqlite:x.db")).isFalse();
        assertThatThrownBy(() -> PostgresBackend.open("jdbc:postgresql://127.0.0.1:1/none?password=hunter2",
                PostgresOptions.defaults())).isInstanceOf(dev.blueprint.StoreException.class)
                .hasMessageContaining("postgresql://127.0.0.1:1/none").message().doesNotContain("hunter2");
    }
}
