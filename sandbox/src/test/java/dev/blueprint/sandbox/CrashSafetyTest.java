package dev.blueprint.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.AuthorizationRequest;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.ReauthorizationRequiredException;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.store.SqliteCredentialStore;
import dev.blueprint.spi.StoredConnection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM refreshing a rotating token is killed with SIGKILL at random points, 50 times. After every kill the
 * SQLite store opens cleanly and holds a refresh token the provider still accepts: the next child's first refresh
 * must succeed, and so must the parent's at the end.
 *
 * <p>A kill between the provider's answer and the store's commit leaves the store with the refresh token the
 * provider just rotated away. No client can avoid that window; providers that rotate offer a reuse grace for it
 * (Okta's grace period, Auth0's reuse interval), and the sandbox plays one of 60 s here. Without a grace the
 * engine reports {@code ReauthorizationRequiredException} and marks the connection; it never corrupts the store.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard; the run takes about a minute
class CrashSafetyTest {
    static final String KEY = "crash-test-encryption-key";
    private static final int KILLS = 50;

    @Test
    void sigkillAtRandomPointsNeverLosesTheGrant(@TempDir Path dir) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Blueprint outreach = BlueprintEngine.builder().environment(Map.of()).build().catalog().blueprint(BlueprintRef.parse("outreach:v0"));
        // Tokens announced as already expired (honoured for 2 s): every call renews, rotates and writes the store.
        SandboxOptions options = SandboxOptions.defaults().withAccessTokenTtl(Duration.ofSeconds(2))
                .withAnnouncedAccessTokenTtl(Duration.ZERO).withRefreshTokenReuseGrace(Duration.ofSeconds(60));
        Path db = dir.resolve("credentials.db");
        Path yaml = dir.resolve("integrations.yaml");
        try (Sandbox sandbox = Sandbox.of(outreach, options, 0)) {
            Files.writeString(yaml, sandbox.integrationsYaml("crm", "      refresh: {margin: PT10S}\n", "    oauth_scopes: [demo.read]\n"));
            connect(db, yaml);
            for (int kill = 1; kill <= KILLS; kill++) {
                if (kill % 10 == 0) {
                    System.out.printf("crash safety: %d of %d kills done%n", kill, KILLS); // a long test says where it is
                }
                // Half the kills land anywhere in the loop; half right after the provider rotated the token,
                // before the child can have stored it: the window rotation makes dangerous.
                boolean atRotation = kill % 2 == 0;
                int target = 1 + random.nextInt(8);
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                        CrashRefresher.class.getName(), db.toString(), yaml.toString())
                        .redirectErrorStream(true).start();
                AtomicInteger rotations = new AtomicInteger();
                sandbox.afterRefresh(atRotation ? () -> {
                    if (rotations.incrementAndGet() == target) {
                        child.destroyForcibly();
                    }
                } : null);
                String output = run(child, atRotation ? Integer.MAX_VALUE : target);
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks, mid-write or not
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                sandbox.afterRefresh(null);
                // A refused refresh prints "failed:" and never reaches afterRefresh, so either way it shows here.
                assertThat(output).as("kill %d (seed %d): every refresh succeeded with what the store held", kill, seed)
                        .doesNotContain("failed:").contains(atRotation ? "" : "call " + target + " 200");
                assertStoreOpensWithARefreshToken(db, kill, seed);
            }
            int refreshesBefore = sandbox.stats().refreshes();
            assertThat(parentEngineCall(db, yaml)).as("seed %d", seed).isEqualTo(200);
            assertThat(sandbox.stats().refreshes()).isEqualTo(refreshesBefore + 1);
            System.out.printf("crash safety: %d kills, %d refreshes, %d needed the reuse grace (seed %d)%n",
                    KILLS, sandbox.stats().refreshes(), sandbox.graceReuses(), seed);
            assertThat(sandbox.graceReuses()).as("some kills landed between rotation and commit (seed %d)", seed).isPositive();
        }
    }

    @Test
    void withoutAGraceTheLostGrantIsReportedAndMarkedNotCorrupted(@TempDir Path dir) throws Exception {
        Blueprint outreach = BlueprintEngine.builder().environment(Map.of()).build().catalog().blueprint(BlueprintRef.parse("outreach:v0"));
        Path db = dir.resolve("credentials.db");
        Path yaml = dir.resolve("integrations.yaml");
        try (Sandbox sandbox = Sandbox.of(outreach, SandboxOptions.defaults().withAccessTokenTtl(Duration.ofSeconds(2))
                .withAnnouncedAccessTokenTtl(Duration.ZERO), 0)) {
            Files.writeString(yaml, sandbox.integrationsYaml("crm", "      refresh: {margin: PT10S}\n", "    oauth_scopes: [demo.read]\n"));
            connect(db, yaml);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    CrashRefresher.class.getName(), db.toString(), yaml.toString())
                    .redirectErrorStream(true).start();
            sandbox.afterRefresh(child::destroyForcibly);
            run(child, Integer.MAX_VALUE);
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            sandbox.afterRefresh(null);
            try (SqliteCredentialStore store = SqliteCredentialStore.open(db, Optional.of(KEY));
                 BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of())
                         .integrations("crash.yaml", Files.readString(yaml)).credentialStore(store).build()) {
                assertThatThrownBy(() -> engine.integration("crm").client("alice").get("/prospects"))
                        .isInstanceOf(ReauthorizationRequiredException.class);
                assertThat(store.load("crm", "alice").orElseThrow().reauthorizationReason()).isPresent();
            }
        }
    }

    /** Reads the child's output until it has made {@code calls} calls or died; returns what it said. */
    private static String run(Process child, int calls) throws Exception {
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int made = 0;
            String line;
            while (made < calls && (line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("call ")) {
                    made++;
                }
            }
        } catch (java.io.IOException killedWhileReading) {
            // the stream closes under us when the kill comes from the sandbox's thread
        }
        return output.toString();
    }

    private static void connect(Path db, Path yaml) throws Exception {
        try (SqliteCredentialStore store = SqliteCredentialStore.open(db, Optional.of(KEY));
             BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of())
                     .integrations("crash.yaml", Files.readString(yaml)).credentialStore(store).build()) {
            Integration crm = engine.integration("crm");
            AuthorizationRequest request = crm.startAuthorization("alice", URI.create("http://127.0.0.1:1/callback"));
            HttpResponse<Void> consent = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(HttpRequest.newBuilder(request.url()).build(), HttpResponse.BodyHandlers.discarding());
            URI callback = URI.create(consent.headers().firstValue("location").orElseThrow());
            crm.completeAuthorization(Sandbox.params(callback.getRawQuery()));
        }
    }

    private static void assertStoreOpensWithARefreshToken(Path db, int kill, long seed) {
        try (SqliteCredentialStore store = SqliteCredentialStore.open(db, Optional.of(KEY))) {
            StoredConnection alice = store.load("crm", "alice").orElseThrow();
            assertThat(alice.credentials()).as("kill %d (seed %d)", kill, seed).isInstanceOfSatisfying(Credentials.OAuth2Tokens.class,
                    tokens -> assertThat(tokens.refreshToken()).isPresent());
        }
    }

    private static int parentEngineCall(Path db, Path yaml) throws Exception {
        try (SqliteCredentialStore store = SqliteCredentialStore.open(db, Optional.of(KEY));
             BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of())
                     .integrations("crash.yaml", Files.readString(yaml)).credentialStore(store).build()) {
            return engine.integration("crm").client("alice").get("/prospects").statusCode();
        }
    }
}
