package dev.blueprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `connect` and `connections` end to end: a real authorization server, the loopback callback, the SQLite store. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectCommandTest {
    private final MockOAuth2Server server = new MockOAuth2Server();

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.shutdown();
    }

    /** Hands every printed line to the test as it appears, so it can act while the command waits. */
    private static final class LineWatcher extends Writer {
        final StringBuilder all = new StringBuilder();
        final CompletableFuture<String> url = new CompletableFuture<>();

        @Override
        public synchronized void write(char[] buffer, int offset, int length) {
            all.append(buffer, offset, length);
            for (String line : all.toString().split("\n")) {
                if (line.startsWith("http")) {
                    url.complete(line.trim());
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void connectRunsTheAuthorizationFlowAndConnectionsListsTheResult() throws Exception {
        Path integrations = Files.writeString(dir.resolve("integrations.yaml"), """
                integrations:
                  nav:
                    oauth_client_id: blueprint-client
                    oauth_client_secret: blueprint-secret
                    oauth_scopes: [openid]
                    auth: {mode: oauth2, authorization_url: "%s", token_url: "%s"}
                    requests: {base_url: "%s"}
                """.formatted(server.authorizationEndpointUrl("default"), server.tokenEndpointUrl("default"),
                server.issuerUrl("default").toString().replaceAll("/$", "")));
        Map<String, String> env = Map.of("BLUEPRINT_HOME", dir.resolve("home").toString(), "BLUEPRINT_ENCRYPTION_KEY", "test key");
        LineWatcher out = new LineWatcher();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(new PrintWriter(out, true),
                new PrintWriter(err, true), env, "connect", "nav", "--connection", "alice", "--integrations", integrations.toString()));

        URI authorize = URI.create(out.url.get(20, TimeUnit.SECONDS));
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> consent = browser.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
        URI callback = URI.create(consent.headers().firstValue("location").orElseThrow());
        assertThat(callback.getHost()).isEqualTo("127.0.0.1");
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(callback).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("Connected");

        assertThat(exit.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();
        assertThat(out.all.toString()).contains("connected nav/alice");

        StringWriter listed = new StringWriter();
        assertThat(Main.run(new PrintWriter(listed, true), new PrintWriter(new StringWriter(), true), env,
                "connections", "nav", "--integrations", integrations.toString())).isZero();
        assertThat(listed.toString()).containsPattern("alice +ok ");

        StringWriter called = new StringWriter();
        assertThat(Main.run(new PrintWriter(called, true), new PrintWriter(new StringWriter(), true), env,
                "request", "nav", "GET", "/userinfo", "--connection", "alice", "--integrations", integrations.toString())).isZero();
        assertThat(called.toString()).startsWith("200\n");
    }

    private Path navIntegrations(String tokenUrl) throws IOException {
        return Files.writeString(dir.resolve("integrations.yaml"), """
                integrations:
                  nav:
                    oauth_client_id: blueprint-client
                    oauth_client_secret: wrong-secret-canary
                    oauth_scopes: [openid]
                    auth: {mode: oauth2, authorization_url: "%s", token_url: "%s"}
                    requests: {base_url: "%s"}
                """.formatted(server.authorizationEndpointUrl("default"), tokenUrl,
                server.issuerUrl("default").toString().replaceAll("/$", "")));
    }

    private CompletableFuture<Integer> connect(Path integrations, LineWatcher out, StringWriter err) {
        Map<String, String> env = Map.of("BLUEPRINT_HOME", dir.resolve("home").toString(), "BLUEPRINT_ENCRYPTION_KEY", "test key");
        return CompletableFuture.supplyAsync(() -> Main.run(new PrintWriter(out, true), new PrintWriter(err, true), env,
                "connect", "nav", "--connection", "alice", "--integrations", integrations.toString()));
    }

    /** The provider's redirect back to the loopback server, as the browser would receive it. */
    private static URI consent(HttpClient browser, LineWatcher out) throws Exception {
        URI authorize = URI.create(out.url.get(20, TimeUnit.SECONDS));
        HttpResponse<String> consent = browser.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
        return URI.create(consent.headers().firstValue("location").orElseThrow());
    }

    @Test
    void theCallbackPageTellsTheExchangeFailedWhenTheProviderRefusesTheSecret() throws Exception {
        try (MockWebServer tokenEndpoint = new MockWebServer()) {
            tokenEndpoint.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                    .body("{\"error\":\"invalid_client\",\"error_description\":\"client authentication failed\"}").build());
            tokenEndpoint.start(InetAddress.getByName("127.0.0.1"), 0);
            LineWatcher out = new LineWatcher();
            StringWriter err = new StringWriter();
            CompletableFuture<Integer> exit = connect(navIntegrations("http://127.0.0.1:" + tokenEndpoint.getPort() + "/token"), out, err);
            HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(consent(browser, out)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(page.body()).startsWith("Authorization failed: ").contains("invalid_client").doesNotContain("Connected")
                    .doesNotContain("wrong-secret-canary");
            assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(err.toString()).contains("invalid_client").doesNotContain("wrong-secret-canary");
            assertThat(out.all.toString()).doesNotContain("connected nav/alice");
        }
    }

    @Test
    void aForgedStateGetsA400AndTheGenuineCallbackStillCompletes() throws Exception {
        LineWatcher out = new LineWatcher();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = connect(navIntegrations(server.tokenEndpointUrl("default").toString()), out, err);
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        URI genuine = consent(browser, out);
        String loopback = "http://127.0.0.1:" + genuine.getPort() + "/callback";

        for (String forged : new String[]{"?code=stolen&state=forged", "?code=stolen", "?error=access_denied&state=x", "?code=a&state="}) {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(loopback + forged)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(forged).isEqualTo(400);
            assertThat(page.body()).as(forged).contains("ignored");
        }
        assertThat(exit).as("still waiting for the genuine callback").isNotDone();

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(genuine).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).startsWith("Connected nav/alice.");
        assertThat(exit.get(20, TimeUnit.SECONDS)).as(err.toString()).isZero();
    }

    @Test
    void withoutAKeyTheStoreEncryptsWithAKeyFileItCreatesOnceAndPlaintextOnlyOnRequest() throws Exception {
        Path integrations = Files.writeString(dir.resolve("integrations.yaml"), """
                integrations:
                  keyed:
                    auth: {mode: api_key, in: header, name: X-Api-Key}
                    requests: {base_url: "https://keyed.example"}
                """);
        Path home = dir.resolve("home");
        for (String connection : new String[] {"bob", "carol"}) {
            Map<String, String> env = Map.of("BLUEPRINT_HOME", home.toString(), "BLUEPRINT_API_KEY", "key-canary-42");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), env,
                    "connect", "keyed", "--connection", connection, "--integrations", integrations.toString());
            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString() + err).doesNotContain("key-canary-42");
        }
        Path keyFile = home.resolve("encryption.key");
        assertThat(keyFile).exists();
        if (keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        }
        assertThat(storedBytes(home.resolve("credentials.db"))).as("tokens at rest").doesNotContain("key-canary-42");

        Path plain = dir.resolve("plain");
        Map<String, String> optIn = Map.of("BLUEPRINT_HOME", plain.toString(), "BLUEPRINT_API_KEY", "key-canary-43",
                "BLUEPRINT_ENCRYPTION_KEY", "none");
        assertThat(Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true), optIn,
                "connect", "keyed", "--connection", "dan", "--integrations", integrations.toString())).isZero();
        assertThat(plain.resolve("encryption.key")).doesNotExist();
        assertThat(storedBytes(plain.resolve("credentials.db"))).as("asked for plaintext").contains("key-canary-43");
    }

    private static String storedBytes(Path db) throws IOException {
        return new String(Files.readAllBytes(db), java.nio.charset.StandardCharsets.ISO_8859_1)
                + (Files.exists(Path.of(db + "-wal")) ? new String(Files.readAllBytes(Path.of(db + "-wal")), java.nio.charset.StandardCharsets.ISO_8859_1) : "");
    }

    @Test
    void missingEnvironmentCredentialsAreOneLine() throws Exception {
        Path integrations = Files.writeString(dir.resolve("integrations.yaml"), """
                integrations:
                  keyed:
                    auth: {mode: api_key, in: header, name: X-Api-Key}
                    requests: {base_url: "https://keyed.example"}
                """);
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                Map.of("BLUEPRINT_HOME", dir.resolve("home").toString()), "connect", "keyed", "--integrations", integrations.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("error: [cli] set BLUEPRINT_API_KEY in the environment").doesNotContain("\tat ");
    }
}
