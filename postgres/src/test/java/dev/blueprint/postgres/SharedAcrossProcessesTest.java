package dev.blueprint.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.spi.StoredConnection;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Three service instances (JVM processes) on one PostgreSQL behave as one client. */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // a hang guard
class SharedAcrossProcessesTest {
    private static final int PROCESSES = 3;

    static String integration(String base, String rateLimit) {
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
                %s""".formatted(base, base, rateLimit);
    }

    /** When the parent told the workers to go, in epoch milliseconds. */
    private static volatile long wentAt;

    private static List<String> runWorkers(String storeUrl, String integrations, int threads, int calls) throws Exception {
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            workers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SharedWorker.class.getName(),
                    storeUrl, integrations, Integer.toString(threads), Integer.toString(calls))
                    .redirectErrorStream(true).start());
        }
        List<java.io.BufferedReader> lines = new ArrayList<>();
        for (Process worker : workers) {
            java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder said = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null && !line.equals("ready")) {
                said.append(line).append('\n');
            }
            assertThat(line).as("a worker did not get ready; it said:%n%s", said).isEqualTo("ready");
            lines.add(reader);
        }
        wentAt = System.currentTimeMillis();
        for (Process worker : workers) {
            worker.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            worker.getOutputStream().flush();
        }
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            StringBuilder output = new StringBuilder();
            lines.get(i).lines().forEach(l -> output.append(l).append('\n'));
            assertThat(workers.get(i).waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(workers.get(i).exitValue()).as(output.toString()).isZero();
            outputs.add(output.toString());
        }
        return outputs;
    }

    private static void saveExpiredConnection(String storeUrl) {
        try (PostgresBackend backend = PostgresBackend.open(storeUrl, PostgresOptions.defaults())) {
            backend.credentialStore().save(new StoredConnection("acme", "c1", Map.of(), new Credentials.OAuth2Tokens(
                    Secret.of("expired-access"), Optional.of(Secret.of("the-refresh-token")),
                    Optional.of(Instant.now().minus(Duration.ofMinutes(1))), Optional.of(Instant.now().minus(Duration.ofDays(1))))));
        }
    }

    @Test
    void anExpiredTokenSharedByThreeProcessesIsRefreshedOnce() throws Exception {
        String storeUrl = TestDatabase.freshSchema();
        AtomicInteger tokenRequests = new AtomicInteger();
        AtomicInteger staleCalls = new AtomicInteger();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (request.getUrl().encodedPath().equals("/oauth/token")) {
                        tokenRequests.incrementAndGet();
                        // Slow enough that every process is waiting on the lock while the first refreshes.
                        return new MockResponse.Builder().code(200).headersDelay(500, TimeUnit.MILLISECONDS)
                                .body("{\"access_token\":\"fresh-access\",\"refresh_token\":\"rotated\",\"expires_in\":3600}").build();
                    }
                    if (!"Bearer fresh-access".equals(request.getHeaders().get("Authorization"))) {
                        staleCalls.incrementAndGet();
                        return new MockResponse.Builder().code(401).build();
                    }
                    return new MockResponse.Builder().code(200).body("{}").build();
                }
            });
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            String base = "http://127.0.0.1:" + server.getPort();
            saveExpiredConnection(storeUrl);
            List<String> outputs = runWorkers(storeUrl, integration(base, ""), 10, 10);
            outputs.forEach(output -> assertThat(output).contains("ok=10"));
        }
        assertThat(tokenRequests.get()).as("token requests from %d processes × 10 callers", PROCESSES).isEqualTo(1);
        assertThat(staleCalls.get()).as("calls made with the expired token").isZero();
        System.out.printf("shared refresh: %d processes × 10 callers, %d token request(s)%n", PROCESSES, tokenRequests.get());
    }

    @Test
    void threeProcessesShareOneBudgetWithoutA429() throws Exception {
        int perWindow = 40;
        int callsPerProcess = 100;
        String storeUrl = TestDatabase.freshSchema();
        Map<Long, AtomicInteger> accepted = new ConcurrentHashMap<>();
        AtomicInteger throttled = new AtomicInteger();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (request.getUrl().encodedPath().equals("/oauth/token")) {
                        return new MockResponse.Builder().code(200)
                                .body("{\"access_token\":\"fresh-access\",\"refresh_token\":\"rotated\",\"expires_in\":3600}").build();
                    }
                    // The provider counts in fixed one-second windows on the clock, as most do.
                    long window = System.currentTimeMillis() / 1000;
                    if (accepted.computeIfAbsent(window, w -> new AtomicInteger()).incrementAndGet() > perWindow) {
                        accepted.get(window).decrementAndGet();
                        throttled.incrementAndGet();
                        return new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build();
                    }
                    return new MockResponse.Builder().code(200).body("{}").build();
                }
            });
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            String base = "http://127.0.0.1:" + server.getPort();
            saveExpiredConnection(storeUrl);
            String budget = "    rate_limit:\n      budget: {requests: " + perWindow + ", per: PT1S, scope: integration}\n"
                    + "      max_wait: PT1M\n";
            List<String> outputs = runWorkers(storeUrl, integration(base, budget), 4, callsPerProcess);
            outputs.forEach(output -> assertThat(output).contains("ok=" + callsPerProcess));
        }
        TreeMap<Long, Integer> perSecond = new TreeMap<>();
        accepted.forEach((window, count) -> perSecond.put(window, count.get()));
        int total = perSecond.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(throttled.get()).as("429s; accepted per window %s", perSecond).isZero();
        assertThat(perSecond.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(perWindow));
        // Full windows only: after the one in which the workers were told to go, before the one where work ran out.
        long goWindow = wentAt / 1000;
        List<Integer> full = new ArrayList<>(perSecond.subMap(goWindow, false, perSecond.lastKey(), false).values());
        double achieved = full.stream().mapToInt(Integer::intValue).average().orElse(0) / perWindow;
        System.out.printf("shared budget: %d processes, %d requests, %d per 1 s window; accepted per window %s; "
                + "full windows at %.3f of the budget; 429s: %d%n", PROCESSES, total, perWindow, perSecond.values(), achieved, throttled.get());
        assertThat(full).as("windows %s", perSecond.values()).isNotEmpty();
        assertThat(achieved).as("full windows %s", full).isGreaterThanOrEqualTo(0.95);
    }
}
