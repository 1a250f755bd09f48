package dev.blueprint.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blueprint.Credentials;
import dev.blueprint.StoreException;
import dev.blueprint.spi.StoredConnection;
import dev.blueprint.testing.LogCapture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One key per store, checked before anything is read or written; the store's files are its owner's only. */
class StoreKeyAndPermissionsTest {
    @TempDir
    Path dir;

    private static StoredConnection connection(String id, String token) {
        return new StoredConnection("a", id, Map.of(), Credentials.bearer(token));
    }

    private static String token(SqliteCredentialStore store, String id) {
        return ((Credentials.Bearer) store.load("a", id).orElseThrow().credentials()).token().reveal();
    }

    @Test
    void aDifferentKeyOrNoneCanNeitherWriteNorRead() {
        Path file = dir.resolve("encrypted.db");
        try (SqliteCredentialStore store = SqliteCredentialStore.open(file, Optional.of("right key"))) {
            store.save(connection("1", "token-canary-1"));
        }
        for (Optional<String> key : java.util.List.of(Optional.of("wrong key"), Optional.<String>empty())) {
            try (SqliteCredentialStore other = SqliteCredentialStore.open(file, key)) {
                assertThatThrownBy(() -> other.save(connection("2", "token-canary-2"))).as("write with %s", key)
                        .isInstanceOf(StoreException.class).hasMessageContaining("BLUEPRINT_ENCRYPTION_KEY")
                        .hasMessageContaining("nothing was read or written");
                assertThatThrownBy(() -> other.list("a")).isInstanceOf(StoreException.class);
            }
        }
        try (SqliteCredentialStore store = SqliteCredentialStore.open(file, Optional.of("right key"))) {
            assertThat(store.list("a")).extracting(StoredConnection::connectionId).containsExactly("1");
            assertThat(token(store, "1")).isEqualTo("token-canary-1");
        }
    }

    @Test
    void aKeyNeverMixesCiphertextIntoAPlaintextStore() {
        Path file = dir.resolve("plain.db");
        try (SqliteCredentialStore store = SqliteCredentialStore.open(file, Optional.empty())) {
            store.save(connection("1", "plain-canary-1"));
        }
        try (SqliteCredentialStore keyed = SqliteCredentialStore.open(file, Optional.of("a key"))) {
            assertThatThrownBy(() -> keyed.save(connection("2", "x"))).isInstanceOf(StoreException.class)
                    .hasMessageContaining("created without BLUEPRINT_ENCRYPTION_KEY");
        }
    }

    @Test
    void aStoreFromBeforeKeyChecksIsJudgedByItsRows() throws SQLException {
        Path file = dir.resolve("legacy.db");
        try (SqliteCredentialStore store = SqliteCredentialStore.open(file, Optional.of("old key"))) {
            store.save(connection("1", "legacy-canary"));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = db.createStatement()) {
            statement.execute("DROP TABLE connections_meta"); // as written by an engine without key checks
        }
        try (SqliteCredentialStore wrong = SqliteCredentialStore.open(file, Optional.of("new key"))) {
            assertThatThrownBy(() -> wrong.save(connection("2", "x"))).isInstanceOf(StoreException.class);
        }
        try (SqliteCredentialStore right = SqliteCredentialStore.open(file, Optional.of("old key"))) {
            right.save(connection("2", "second-canary"));
            assertThat(token(right, "1")).isEqualTo("legacy-canary");
        }
    }

    @Test
    void aStoreFromBeforeTheIssueTimeColumnGetsIt() throws SQLException {
        Path file = dir.resolve("old-columns.db");
        try (SqliteCredentialStore store = SqliteCredentialStore.open(file, Optional.empty())) {
            store.save(connection("1", "old-column-canary"));
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement statement = db.createStatement()) {
            statement.execute("ALTER TABLE connections DROP COLUMN issued_at"); // as an older engine created it
        }
        try (SqliteCredentialStore store = SqliteCredentialStore.open(file, Optional.empty())) {
            Credentials.OAuth2Tokens tokens = new Credentials.OAuth2Tokens(dev.blueprint.Secret.of("a"), Optional.empty(),
                    Optional.of(java.time.Instant.ofEpochMilli(2_000_000)), Optional.empty(), Optional.of(java.time.Instant.ofEpochMilli(1_000_000)));
            store.save(new StoredConnection("a", "2", Map.of(), tokens));
            assertThat(store.load("a", "2")).map(StoredConnection::credentials).contains(tokens);
            assertThat(token(store, "1")).isEqualTo("old-column-canary");
        }
    }

    @Test
    void theStoreAndItsDirectoryAreTheOwnersOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path home = dir.resolve("home").resolve("blueprint");
        Path file = home.resolve("credentials.db");
        try (SqliteCredentialStore store = SqliteCredentialStore.open(file, Optional.empty())) {
            store.save(connection("1", "perm-canary"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        try (SqliteCredentialStore store = SqliteCredentialStore.open(file, Optional.empty())) {
            store.save(connection("2", "perm-canary-2"));
            for (String side : new String[] {"-wal", "-shm"}) {
                Path path = Path.of(file + side);
                if (Files.exists(path)) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as(side).isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void aStoreOthersCanReadIsLeftAsItIsWithAWarning() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path file = dir.resolve("shared.db");
        try (SqliteCredentialStore store = SqliteCredentialStore.open(file, Optional.empty())) {
            store.save(connection("1", "x"));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (LogCapture logs = new LogCapture(); SqliteCredentialStore store = SqliteCredentialStore.open(file, Optional.empty())) {
            assertThat(logs.lines()).anyMatch(line -> line.contains("shared.db is readable or writable by others (rw-r--r--)")
                    && line.contains("chmod 600"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        }
    }
}
