package dev.blueprint.bench;

import com.sun.net.httpserver.HttpExchange;
import dev.blueprint.ApiClient;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.spi.CredentialStore;
import dev.blueprint.store.InMemoryCredentialStore;
import dev.blueprint.store.SqliteCredentialStore;
import dev.blueprint.spi.StoredConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Refresh storm: N concurrent callers on one connection whose token just expired. Counts token requests (goal:
 * exactly one) and compares the callers' latency with the same storm on a valid token, in the same run; then the
 * same across two processes sharing one SQLite store.
 */
final class RefreshStorm {
    /** The token endpoint takes this long, like a real provider's. */
    static final Duration TOKEN_LATENCY = Duration.ofMillis(50);

    record Result(int callers, int tokenRequests, Stats validToken, Stats expiredToken) {
    }

    record ProcessesResult(int processes, int callersEach, int tokenRequests, int succeeded) {
    }

    static final class Provider implements AutoCloseable {
        final AtomicInteger tokenRequests = new AtomicInteger();
        final AtomicInteger apiCalls = new AtomicInteger();
        private final LocalServer server;

        Provider() throws java.io.IOException {
            server = new LocalServer(this::handle);
        }

        private void handle(HttpExchange exchange) {
            if (exchange.getRequestURI().getPath().endsWith("/oauth/token")) {
                tokenRequests.incrementAndGet();
                try {
                    Thread.sleep(TOKEN_LATENCY.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                LocalServer.respond(exchange, 200, "{\"access_token\":\"fresh-" + System.nanoTime()
                        + "\",\"refresh_token\":\"rotated\",\"expires_in\":3600}");
            } else {
                apiCalls.incrementAndGet();
                LocalServer.respond(exchange, 200, "{}");
            }
        }

        String base() {
            return server.baseUrl().replace("/api", "");
        }

        @Override
        public void close() {
            server.close();
        }
    }

    static String integrations(String base) {
        return """
                integrations:
                  storm:
                    oauth_client_id: bench
                    oauth_client_secret: bench-secret
                    auth:
                      mode: oauth2
                      authorization_url: "https://auth.example/authorize"
                      token_url: "%s/oauth/token"
                      refresh: {margin: PT1M}
                    requests: {base_url: "%s/api"}
                """.formatted(base, base);
    }

    static StoredConnection connection(Instant expiresAt) {
        return new StoredConnection("storm", "c1", Map.of(), new Credentials.OAuth2Tokens(Secret.of("old"),
                Optional.of(Secret.of("refresh")), Optional.of(expiresAt), Optional.of(Instant.now())));
    }

    static Result inProcess(int callers) throws Exception {
        try (Provider provider = new Provider()) {
            AtomicInteger validRequests = new AtomicInteger();
            AtomicInteger expiredRequests = new AtomicInteger();
            Stats valid = storm(provider, callers, Instant.now().plus(Duration.ofHours(1)), validRequests);
            Stats expired = storm(provider, callers, Instant.now().minusSeconds(1), expiredRequests);
            if (validRequests.get() != 0) {
                throw new IllegalStateException("a valid token was refreshed");
            }
            return new Result(callers, expiredRequests.get(), valid, expired);
        }
    }

    private static Stats storm(Provider provider, int callers, Instant expiresAt, AtomicInteger tokenRequests) throws Exception {
        CredentialStore store = new InMemoryCredentialStore();
        store.save(connection(expiresAt));
        try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).credentialStore(store)
                .integrations("storm.yaml", integrations(provider.base())).build()) {
            ApiClient client = engine.integration("storm").client("c1");
            client.request("GET", "/warm").send(); // connection pool and JIT, before the clock starts
            store.save(connection(expiresAt));
            int before = provider.tokenRequests.get();
            Stats stats = run(client, callers);
            tokenRequests.set(provider.tokenRequests.get() - before);
            return stats;
        }
    }

    static Stats run(ApiClient client, int callers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                long before = System.nanoTime();
                client.get("/items");
                return System.nanoTime() - before;
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        long[] latencies = new long[callers];
        for (int i = 0; i < callers; i++) {
            latencies[i] = futures.get(i).get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return Stats.of(latencies, (System.nanoTime() - began) / 1e9);
    }

    static ProcessesResult acrossProcesses(int processes, int callersEach) throws Exception {
        try (Provider provider = new Provider()) {
            Path dir = Files.createTempDirectory("refresh-storm");
            Path file = dir.resolve("credentials.db");
            try (SqliteCredentialStore store = SqliteCredentialStore.open(file, Optional.empty())) {
                store.save(connection(Instant.now().minusSeconds(1)));
            }
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                workers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), StormWorker.class.getName(),
                        file.toString(), provider.base(), Integer.toString(callersEach)).inheritIO().start());
            }
            int succeeded = 0;
            for (Process worker : workers) {
                if (worker.waitFor(120, TimeUnit.SECONDS) && worker.exitValue() == 0) {
                    succeeded++;
                }
            }
            return new ProcessesResult(processes, callersEach, provider.tokenRequests.get(), succeeded);
        }
    }
}
