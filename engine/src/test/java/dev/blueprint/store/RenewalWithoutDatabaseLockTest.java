package dev.blueprint.store;

import static dev.blueprint.testing.HostileServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.spi.StoredConnection;
import dev.blueprint.testing.HostileServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token endpoint that takes its time must not hold the store: while one engine renews a connection, another on the
 * same SQLite file reads and writes at once, and its own renewal of that connection waits for the first and uses its
 * token (one token request). Two store objects on one file behave as two processes do (the renewal lock is a file
 * lock); SqliteStoreTest runs real child processes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RenewalWithoutDatabaseLockTest {
    private static final Duration TOKEN_ENDPOINT_DELAY = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private static String integration(HostileServer tokens, HostileServer api) {
        return """
                integrations:
                  acme:
                    oauth_client_id: client-1
                    oauth_client_secret: renewal-secret
                    auth: {mode: oauth2, authorization_url: "https://auth.example/authorize", token_url: "%s"}
                    requests: {base_url: "%s"}
                """.formatted(tokens.url("/token"), api.url("/api"));
    }

    @Test
    void aSlowRenewalBlocksNeitherTheDatabaseNorTheOtherProcessAndHappensOnce() throws Exception {
        Path file = dir.resolve("credentials.db");
        try (HostileServer tokens = new HostileServer((request, out) -> {
                 Thread.sleep(TOKEN_ENDPOINT_DELAY.toMillis()); // the slow provider under test
                 respond(out, 200, "application/json", "{\"access_token\":\"new-access\",\"refresh_token\":\"new-refresh\",\"expires_in\":3600}");
             });
             HostileServer api = new HostileServer((request, out) -> respond(out, 200, "application/json", "{}"));
             SqliteCredentialStore first = SqliteCredentialStore.open(file, Optional.empty());
             SqliteCredentialStore second = SqliteCredentialStore.open(file, Optional.empty());
             BlueprintEngine one = BlueprintEngine.builder().environment(Map.of()).credentialStore(first)
                     .integrations("i.yaml", integration(tokens, api)).build();
             BlueprintEngine two = BlueprintEngine.builder().environment(Map.of()).credentialStore(second)
                     .integrations("i.yaml", integration(tokens, api)).build()) {
            first.save(new StoredConnection("acme", "alice", Map.of(), new Credentials.OAuth2Tokens(Secret.of("old-access"),
                    Optional.of(Secret.of("old-refresh")), Optional.of(Instant.now().minusSeconds(60)), Optional.empty())));

            CompletableFuture<Integer> renewing = CompletableFuture.supplyAsync(() -> one.integration("acme").client("alice").get("/a").statusCode());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (tokens.received().isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // until the renewal is in flight
            }
            assertThat(tokens.received()).as("the renewal is in flight").hasSize(1);

            long start = System.nanoTime();
            second.save(new StoredConnection("acme", "bob", Map.of(), Credentials.bearer("bob-token")));
            second.update("acme", "bob", c -> c.withCredentials(Credentials.bearer("bob-token-2")));
            assertThat(second.list("acme")).hasSize(2);
            Duration meanwhile = Duration.ofNanos(System.nanoTime() - start);
            assertThat(meanwhile).as("writes by another process during the renewal").isLessThan(Duration.ofSeconds(1));

            // The other process renews the same connection: it waits for the first renewal and uses its token.
            assertThat(two.integration("acme").client("alice").get("/b").statusCode()).isEqualTo(200);
            assertThat(renewing.get(20, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(tokens.received()).as("token requests").hasSize(1);
            assertThat(api.received()).extracting(r -> r.header("authorization")).containsOnly("Bearer new-access");
            assertThat(((Credentials.OAuth2Tokens) first.update("acme", "alice", c -> c).credentials()).refreshToken())
                    .map(Secret::reveal).contains("new-refresh");
        }
    }
}
