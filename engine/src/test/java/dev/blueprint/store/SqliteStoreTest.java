package dev.blueprint.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.store.SqliteCredentialStore;
import dev.blueprint.spi.StoredConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SqliteStoreTest {
    private static final String ACCESS = "sqlite-access-canary-77";
    private static final String REFRESH = "sqlite-refresh-canary-78";

    @TempDir
    Path dir;

    static String integration(String base) {
        return """
                integrations:
                  acme:
                    oauth_client_id: client-1
                    oauth_client_secret: worker-secret
                    auth:
                      mode: oauth2
                      authorization_url: "https://auth.example/authorize"
                      token_url: "%s/oauth/token"
                      refresh: {margin: PT5M}
                    requests: {base_url: "%s/api"}
                """.formatted(base, base);
    }

    private static Credentials.OAuth2Tokens tokens(Instant expiresAt) {
        return new Credentials.OAuth2Tokens(Secret.of(ACCESS), Optional.of(Secret.of(REFRESH)),
                Optional.of(expiresAt.truncatedTo(ChronoUnit.MILLIS)), Optional.of(Instant.parse("2026-11-28T10:00:00Z")));
    }

    @Test
    void everyKindOfCredentialsRoundTrips() {
        try (SqliteCredentialStore store = SqliteCredentialStore.open(dir.resolve("c.db"), Optional.empty())) {
            List<StoredConnection> connections = List.of(
                    new StoredConnection("a", "1", Map.of("subdomain", "acme"), Credentials.apiKey("k")),
                    new StoredConnection("a", "2", Map.of(), Credentials.basic("ann", "pw")),
                    new StoredConnection("a", "3", Map.of(), Credentials.bearer("t")),
                    new StoredConnection("a", "4", Map.of(), tokens(Instant.parse("2026-11-28T12:00:00Z"))),
                    new StoredConnection("a", "5", Map.of(), new Credentials.None(), Optional.of("invalid_grant")));
            connections.forEach(store::save);
            assertThat(store.list("a")).containsExactlyElementsOf(connections);
            assertThat(store.load("a", "4")).contains(connections.get(3));
            assertThat(store.load("b", "4")).isEmpty();
        }
    }

    @Test
    void tokensAreEncryptedAtRestWhenAKeyIsSet() throws IOException {
        Path encrypted = dir.resolve("encrypted.db");
        Path plain = dir.resolve("plain.db");
        try (SqliteCredentialStore store = SqliteCredentialStore.open(encrypted, Optional.of("a passphrase"));
             SqliteCredentialStore open = SqliteCredentialStore.open(plain, Optional.empty())) {
            store.save(new StoredConnection("a", "1", Map.of(), tokens(Instant.now())));
            open.save(new StoredConnection("a", "1", Map.of(), tokens(Instant.now())));
            assertThat(store.load("a", "1").map(StoredConnection::credentials)).get()
                    .isInstanceOfSatisfying(Credentials.OAuth2Tokens.class, t -> assertThat(t.accessToken().reveal()).isEqualTo(ACCESS));
        }
        assertThat(bytes(plain)).contains(ACCESS); // the check below can fail
        assertThat(bytes(encrypted)).doesNotContain(ACCESS).doesNotContain(REFRESH);
    }

    @Test
    void wrongOrMissingKeyIsAClearError() {
        Path file = dir.resolve("encrypted.db");
        try (SqliteCredentialStore store = SqliteCredentialStore.open(file, Optional.of("right key"))) {
            store.save(new StoredConnection("a", "1", Map.of(), Credentials.bearer("tok-canary-5")));
        }
        try (SqliteCredentialStore wrong = SqliteCredentialStore.open(file, Optional.of("wrong key"))) {
            assertThatThrownBy(() -> wrong.load("a", "1")).hasMessageContaining("wrong BLUEPRINT_ENCRYPTION_KEY")
                    .hasMessageNotContaining("tok-canary-5");
        }
        try (SqliteCredentialStore none = SqliteCredentialStore.open(file, Optional.empty())) {
            assertThatThrownBy(() -> none.load("a", "1")).hasMessageContaining("set BLUEPRINT_ENCRYPTION_KEY");
        }
    }

    @Test
    void concurrentUpdatesRunOneAtATime() throws Exception {
        try (SqliteCredentialStore store = SqliteCredentialStore.open(dir.resolve("c.db"), Optional.empty())) {
            store.save(new StoredConnection("a", "1", Map.of("n", "0"), Credentials.bearer("t")));
            List<CompletableFuture<StoredConnection>> updates = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                updates.add(CompletableFuture.supplyAsync(() -> store.update("a", "1", c -> new StoredConnection("a", "1",
                        Map.of("n", Integer.toString(Integer.parseInt(c.config().get("n")) + 1)), c.credentials()))));
            }
            for (var update : updates) {
                update.get(30, TimeUnit.SECONDS);
            }
            assertThat(store.load("a", "1").orElseThrow().config()).containsEntry("n", "20");
        }
    }

    @Test
    void twoProcessesOnOneFileWithAnExpiredTokenMakeOneTokenRequest() throws Exception {
        AtomicInteger tokenRequests = new AtomicInteger();
        List<String> apiTokens = new CopyOnWriteArrayList<>();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (request.getUrl().encodedPath().equals("/oauth/token")) {
                        tokenRequests.incrementAndGet();
                        return new MockResponse.Builder().code(200).headersDelay(300, TimeUnit.MILLISECONDS)
                                .body("{\"access_token\":\"fresh-access\",\"refresh_token\":\"fresh-refresh\",\"expires_in\":3600}").build();
                    }
                    apiTokens.add(String.valueOf(request.getHeaders().get("Authorization")));
                    return new MockResponse.Builder().code(200).body("{}").build();
                }
            });
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            String base = "http://127.0.0.1:" + server.getPort();
            Path file = dir.resolve("shared.db");
            try (SqliteCredentialStore store = SqliteCredentialStore.open(file, Optional.of("worker-key"))) {
                store.save(new StoredConnection("acme", "c1", Map.of(), tokens(Instant.now().minus(Duration.ofMinutes(1)))));
            }
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                workers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), RefreshWorker.class.getName(), file.toString(), base)
                        .redirectErrorStream(true).start());
            }
            for (Process worker : workers) {
                assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
                String output = new String(worker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(worker.exitValue()).as(output).isZero();
                assertThat(output).contains("status=200");
            }
        }
        assertThat(tokenRequests.get()).isEqualTo(1);
        assertThat(apiTokens).containsExactly("Bearer fresh-access", "Bearer fresh-access");
    }

    @Test
    void engineDefaultStoreLivesUnderBlueprintHome() {
        Path home = dir.resolve("home");
        try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of("BLUEPRINT_HOME", home.toString()))
                .integrations("integrations.yaml", integration("https://acme.example")).build()) {
            assertThat(home.resolve("credentials.db")).doesNotExist(); // opened on first use only
            engine.integration("acme").saveCredentials("c1", tokens(Instant.now()));
            assertThat(engine.integration("acme").connections()).hasSize(1);
        }
        assertThat(home.resolve("credentials.db")).exists();
    }

    private static String bytes(Path file) throws IOException {
        StringBuilder all = new StringBuilder(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        Path wal = Path.of(file + "-wal");
        if (Files.exists(wal)) {
            all.append(new String(Files.readAllBytes(wal), StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }
}
