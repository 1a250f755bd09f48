package dev.blueprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.spi.StoredConnection;
import dev.blueprint.store.SqliteCredentialStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a newcomer meets it: {@code --help} and {@code -h} on every command, one readable error with no stack
 * trace for a mistake made with each, credentials from the environment that never replace a stored connection, and
 * one integration's command not stopped by another's problem.
 */
class CliUsabilityTest {
    private static final List<String> COMMANDS = List.of("validate", "list", "show", "resolve", "request", "connect",
            "connections", "lint", "docs", "demo", "sandbox", "import");

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("BLUEPRINT_HOME", dir.resolve("home").toString());
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), environment, args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static void assertReadable(Result result, String what) {
        assertThat(result.all()).as(what).doesNotContain("unexpected").doesNotContain("\tat ").doesNotContain("Caused by")
                .doesNotContainPattern("\\b[A-Z]\\w*(Exception|Error)\\b");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : COMMANDS) {
            for (String flag : List.of("--help", "-h")) {
                Result result = run(Map.of(), command, flag);
                assertThat(result.exit()).as("%s %s: %s", command, flag, result.err()).isZero();
                assertThat(result.out()).as(command).contains("Usage: blueprint " + command).contains("--debug");
            }
        }
    }

    @Test
    void aMistakeWithEachCommandIsOneReadableError() throws IOException {
        Path integrations = Files.writeString(dir.resolve("integrations.yaml"), """
                integrations:
                  stripe:
                    extends_blueprint: stripe:v0
                """);
        Path notADirectory = Files.writeString(dir.resolve("file.txt"), "x");
        String file = integrations.toString();
        Map<String, String[]> mistakes = new LinkedHashMap<>();
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "integrations:\n  stripe:\n    extends_blueprint: stripe:v0\n    retyr: {}\n");
        mistakes.put("validate", new String[] {"validate", "--integrations", typo.toString()});
        mistakes.put("list", new String[] {"list", "--blueprints", notADirectory.toString()});
        mistakes.put("show", new String[] {"show", "nope:v0"});
        mistakes.put("resolve", new String[] {"resolve", "strip", "--integrations", file});
        mistakes.put("request", new String[] {"request", "stripe", "GET", "https://evil.example/x", "--integrations", file});
        mistakes.put("connect", new String[] {"connect", "strpe", "--integrations", file});
        mistakes.put("connections", new String[] {"connections", "nope", "--integrations", file});
        mistakes.put("lint", new String[] {"lint", "--blueprints", notADirectory.toString()});
        mistakes.put("docs", new String[] {"docs", "--out", notADirectory.resolve("sub").toString()});
        mistakes.put("demo", new String[] {"demo", "stripe"});
        mistakes.put("sandbox", new String[] {"sandbox", "no-such-api"});
        mistakes.put("import", new String[] {"import", "nango", dir.resolve("missing.yaml").toString(), "--out", dir.resolve("o").toString()});
        assertThat(mistakes.keySet()).containsExactlyInAnyOrderElementsOf(COMMANDS);
        mistakes.forEach((command, args) -> {
            Result result = run(Map.of("BLUEPRINT_TOKEN", "t"), args);
            assertThat(result.exit()).as("%s: %s", command, result.all()).isIn(1, 2);
            assertThat(result.err()).as(command).isNotBlank();
            assertReadable(result, command);
        });
        // The real message, not a class name: an absolute URL where a path belongs, a demo of an API without OAuth.
        assertThat(run(Map.of("BLUEPRINT_TOKEN", "t"), mistakes.get("request")).err()).contains("path must be relative");
        assertThat(run(Map.of(), mistakes.get("demo")).err()).contains("stripe:v0 uses auth mode bearer");
    }

    @Test
    void aMissingOrRefusedConnectionValueSaysWhichAndHowToPassIt() throws IOException {
        Path integrations = Files.writeString(dir.resolve("zendesk.yaml"), """
                integrations:
                  zendesk:
                    extends_blueprint: zendesk:v0
                    oauth_client_id: abc
                """);
        Result missing = run(Map.of(), "connect", "zendesk", "--timeout", "PT1S", "--integrations", integrations.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("error: auth.authorization_url needs connection_config.subdomain (for example acme)\n"
                + "hint: pass it when connecting: blueprint connect NAME --config subdomain=VALUE\n");
        Result hostile = run(Map.of(), "connect", "zendesk", "--config", "subdomain=evil.com/", "--integrations", integrations.toString());
        assertThat(hostile.exit()).isEqualTo(1);
        assertThat(hostile.err()).isEqualTo("error: connection_config.subdomain must match [a-z0-9][a-z0-9-]{0,62} in full\n");
        assertThat(missing.out() + hostile.out()).as("no authorization URL handed out").doesNotContain("http");
    }

    @Test
    void credentialsFromTheEnvironmentNeverReplaceAStoredConnection() throws IOException, InterruptedException {
        try (MockWebServer server = new MockWebServer()) {
            server.start(InetAddress.getLoopbackAddress(), 0);
            server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
            Path integrations = Files.writeString(dir.resolve("integrations.yaml"), """
                    integrations:
                      crm:
                        oauth_client_id: abc
                        auth: {mode: oauth2, authorization_url: "https://auth.example/authorize", token_url: "https://auth.example/token"}
                        requests: {base_url: "http://127.0.0.1:%d/api"}
                    """.formatted(server.getPort()));
            Path home = dir.resolve("store-home");
            Credentials.OAuth2Tokens stored = new Credentials.OAuth2Tokens(Secret.of("stored-access"),
                    Optional.of(Secret.of("stored-refresh")), Optional.of(Instant.now().plusSeconds(7200).truncatedTo(ChronoUnit.MILLIS)),
                    Optional.empty());
            Map<String, String> env = Map.of("BLUEPRINT_HOME", home.toString(), "BLUEPRINT_ENCRYPTION_KEY", "k",
                    "BLUEPRINT_TOKEN", "env-token");
            try (SqliteCredentialStore store = SqliteCredentialStore.open(home.resolve("credentials.db"), Optional.of("k"))) {
                store.save(new StoredConnection("crm", "alice", Map.of(), stored));
            }
            Result result = run(env, "request", "crm", "GET", "/me", "--connection", "alice", "--integrations", integrations.toString());
            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer env-token");
            try (SqliteCredentialStore store = SqliteCredentialStore.open(home.resolve("credentials.db"), Optional.of("k"))) {
                assertThat(store.load("crm", "alice")).map(StoredConnection::credentials).contains(stored);
            }
            Result connections = run(env, "connections", "crm", "--integrations", integrations.toString());
            assertThat(connections.out()).contains("alice").contains("ok");
        }
    }

    @Test
    void anotherIntegrationsProblemIsAWarningForACommandThatDoesNotUseIt() throws IOException {
        Path integrations = Files.writeString(dir.resolve("integrations.yaml"), """
                integrations:
                  stripe:
                    extends_blueprint: stripe:v0
                  outreach:
                    extends_blueprint: outreach:v0
                    oauth_client_id: abc
                    oauth_client_secret: ${OUTREACH_SECRET}
                """);
        Result resolve = run(Map.of(), "resolve", "stripe", "--integrations", integrations.toString());
        assertThat(resolve.exit()).as(resolve.err()).isZero();
        assertThat(resolve.err()).contains("warning: " + integrations + ":7:26: integrations.outreach.oauth_client_secret: "
                + "environment variable OUTREACH_SECRET is not set");
        Result validate = run(Map.of(), "validate", "--integrations", integrations.toString());
        assertThat(validate.exit()).as("validate still reports everything").isEqualTo(1);
        Result outreach = run(Map.of(), "resolve", "outreach", "--integrations", integrations.toString());
        assertThat(outreach.exit()).as("the integration used must be valid").isEqualTo(1);
    }
}
