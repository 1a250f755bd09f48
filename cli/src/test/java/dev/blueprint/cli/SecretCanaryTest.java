package dev.blueprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.blueprint.ApiClient;
import dev.blueprint.AuthorizationRequest;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.sandbox.ManualTime;
import dev.blueprint.sandbox.Sandbox;
import dev.blueprint.sandbox.SandboxOptions;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.store.InMemoryCredentialStore;
import dev.blueprint.spi.StoredConnection;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The secret canary: every kind of secret (client secret, access and refresh tokens, API key, password,
 * authorization code) goes through the engine's happy and unhappy paths with TRACE logging on; then all log
 * output, every exception message (causes and suppressed included), the CLI's output and the toString() of the
 * public types are searched for each secret. Zero occurrences allowed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecretCanaryTest {
    private static final String API_KEY = "canary-api-key-5c81d2";
    private static final String PASSWORD = "canary-password-77e0a9";
    private static final String BOGUS_REFRESH = "canary-refresh-token-1b9f44";

    /** Each secret seen, by kind; filled as the sandbox issues them. */
    private final Map<String, List<String>> secrets = new LinkedHashMap<>();
    /** Everything that leaves the engine as text. */
    private final StringBuilder surface = new StringBuilder();

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Level previous;

    @BeforeEach
    void captureEverything() {
        previous = root.getLevel();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.TRACE);
    }

    @AfterEach
    void release() {
        root.detachAppender(logs);
        root.setLevel(previous);
    }

    private void secret(String kind, String value) {
        secrets.computeIfAbsent(kind, k -> new java.util.ArrayList<>()).add(value);
    }

    private void show(Object any) {
        surface.append(any).append('\n');
    }

    /** Runs a step that may fail; whatever it throws is part of the surface, message, causes and all. */
    private void attempt(Supplier<?> step) {
        try {
            show(step.get());
        } catch (RuntimeException e) {
            show(everything(e));
        }
    }

    private static String everything(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return e + "\n" + trace;
    }

    @Test
    void noSecretOfAnyKindLeavesTheEngine(@TempDir Path dir) throws Exception {
        secret("client secret", Sandbox.CLIENT_SECRET);
        secret("api key", API_KEY);
        secret("password", PASSWORD);
        secret("refresh token", BOGUS_REFRESH);
        oauthPaths();
        apiKeyAndBasicPaths();
        cliPaths(dir);

        for (ILoggingEvent event : logs.list) {
            surface.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                surface.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        assertThat(secrets.keySet()).as("every kind of secret took part")
                .contains("client secret", "access token", "refresh token", "api key", "password", "authorization code");
        assertThat(logs.list).as("TRACE logging was on and captured").hasSizeGreaterThan(20);
        String text = surface.toString();
        List<String> leaks = new java.util.ArrayList<>();
        secrets.forEach((kind, values) -> values.forEach(value -> {
            int at = text.indexOf(value);
            if (at >= 0) {
                // Say where, with the secret itself blacked out, so the failure does not leak it again.
                String around = text.substring(Math.max(0, at - 300), Math.min(text.length(), at + value.length() + 100));
                leaks.add(kind + " in: …" + around.replace(value, "<" + kind.toUpperCase() + ">") + "…");
            }
        }));
        assertThat(leaks).as("secrets in logs, exception messages, CLI output or toString()").isEmpty();
    }

    private void oauthPaths() throws Exception {
        ManualTime time = new ManualTime();
        Blueprint outreach = BlueprintEngine.builder().environment(Map.of()).build().catalog().blueprint(BlueprintRef.parse("outreach:v0"));
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        SandboxOptions options = SandboxOptions.defaults().withAccessTokenTtl(Duration.ofSeconds(60)).withClock(time);
        try (Sandbox sandbox = Sandbox.of(outreach, options, 0);
             BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of())
                     .integrations("canary.yaml", sandbox.integrationsYaml("crm", "    oauth_scopes: [demo.read]\n"))
                     .clock(time).scheduler(time).credentialStore(store).build()) {
            Integration crm = engine.integration("crm");
            AuthorizationRequest request = crm.startAuthorization("alice", URI.create("http://127.0.0.1:1/callback"));
            show(request);
            Map<String, String> callback = consent(request);
            secret("authorization code", callback.get("code"));
            show(crm.completeAuthorization(callback));
            attempt(() -> crm.completeAuthorization(callback));                  // a replayed code and state
            Map<String, String> tampered = new LinkedHashMap<>(callback);
            tampered.put("state", "forged-state");
            attempt(() -> crm.completeAuthorization(tampered));
            recordTokens(store, "crm", "alice");

            ApiClient alice = crm.client("alice");
            show(alice);
            show(alice.get("/prospects").body());
            sandbox.faults().failNext(1, 401);                                    // a reactive refresh
            show(alice.get("/prospects").statusCode());
            recordTokens(store, "crm", "alice");
            time.advance(Duration.ofSeconds(120));                                // a proactive refresh
            show(alice.get("/prospects").statusCode());
            recordTokens(store, "crm", "alice");
            sandbox.faults().failNext(outreach.retry().maxAttempts(), 503);       // retries exhausted
            attempt(() -> alice.get("/prospects"));
            sandbox.faults().stallNext(1);                                        // a timeout, then a retry
            attempt(() -> alice.request("GET", "/prospects").timeout(Duration.ofMillis(200)).send());
            attempt(() -> alice.request("GET", "/prospects").timeout(Duration.ofMillis(200)).send());
            attempt(() -> alice.request("GET", "/prospects").query("access_token", secrets.get("access token").get(0)).send());

            // A refresh token the provider no longer accepts: the user must reconnect, and the error says so only.
            store.save(new StoredConnection("crm", "bob", Map.of(), new Credentials.OAuth2Tokens(
                    dev.blueprint.Secret.of("canary-expired-access-0d0d"), Optional.of(dev.blueprint.Secret.of(BOGUS_REFRESH)),
                    Optional.of(time.instant().minusSeconds(5)), Optional.of(time.instant()))));
            secret("access token", "canary-expired-access-0d0d");
            attempt(() -> crm.client("bob").get("/prospects"));
            show(crm.connections());
            store.list("crm").forEach(this::show);
            show(crm);
            show(crm.config());
            show(crm.describe());
        }
    }

    private void recordTokens(InMemoryCredentialStore store, String integration, String connection) {
        Credentials.OAuth2Tokens tokens = (Credentials.OAuth2Tokens) store.load(integration, connection).orElseThrow().credentials();
        secret("access token", tokens.accessToken().reveal());
        tokens.refreshToken().ifPresent(r -> secret("refresh token", r.reveal()));
        show(tokens);
    }

    private void apiKeyAndBasicPaths() throws Exception {
        for (String name : List.of("discord", "bamboohr")) {
            Blueprint blueprint = BlueprintEngine.builder().environment(Map.of()).build().catalog().blueprint(BlueprintRef.parse(name + ":v0"));
            Map<String, String> config = new LinkedHashMap<>();
            blueprint.connectionConfig().forEach((field, spec) -> config.put(field, spec.example().orElse("example")));
            ManualTime time = new ManualTime();
            try (Sandbox sandbox = Sandbox.of(blueprint, SandboxOptions.defaults().withClock(time), 0);
                 BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of())
                         .integrations("canary.yaml", sandbox.integrationsYaml("it", ""))
                         .clock(time).scheduler(time).credentialStore(new InMemoryCredentialStore()).build()) {
                Integration it = engine.integration("it");
                it.saveCredentials("c1", name.equals("discord") ? Credentials.apiKey(API_KEY) : Credentials.basic("ann", PASSWORD), config);
                ApiClient client = it.client("c1");
                show(client.get("/items").statusCode());
                sandbox.faults().failNext(blueprint.retry().maxAttempts(), 500);
                attempt(() -> client.get("/items"));
                sandbox.faults().resetNext(blueprint.retry().maxAttempts());
                attempt(() -> client.get("/items"));
                show(it.connections());
            }
        }
    }

    private void cliPaths(Path dir) throws Exception {
        Path file = dir.resolve("integrations.yaml");
        Files.writeString(file, """
                integrations:
                  outreach:
                    extends_blueprint: outreach:v0
                    oauth_client_id: abc123
                    oauth_client_secret: ${OUTREACH_CLIENT_SECRET}
                  literal:
                    extends_blueprint: outreach:v0
                    oauth_client_id: abc123
                    oauth_client_secret: %s
                """.formatted(Sandbox.CLIENT_SECRET));
        Map<String, String> env = Map.of("OUTREACH_CLIENT_SECRET", "canary-env-client-secret-3e3e");
        secret("client secret", "canary-env-client-secret-3e3e");
        for (String[] args : List.of(
                new String[] {"resolve", "--integrations=" + file, "outreach"},
                new String[] {"resolve", "--integrations=" + file, "literal"},
                new String[] {"validate", "--integrations=" + file},
                new String[] {"resolve", "--debug", "--integrations=" + file, "nope"})) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            show(Main.run(new PrintWriter(out, true), new PrintWriter(err, true), env, args));
            show(out);
            show(err);
        }
    }

    private static Map<String, String> consent(AuthorizationRequest request) throws Exception {
        HttpResponse<Void> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(request.url()).build(), HttpResponse.BodyHandlers.discarding());
        URI location = URI.create(response.headers().firstValue("location").orElseThrow());
        return Sandbox.params(location.getRawQuery());
    }
}
