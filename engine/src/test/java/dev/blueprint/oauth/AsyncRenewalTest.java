package dev.blueprint.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.MissingCredentialsException;
import dev.blueprint.Secret;
import dev.blueprint.internal.oauth.RenewalThreads;
import dev.blueprint.store.InMemoryCredentialStore;
import dev.blueprint.testing.VirtualTime;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code sendAsync()} never blocks a thread while a token is renewed: hundreds of requests waiting for one renewal hold
 * no thread, whether the token was due (renewed before sending) or refused with 401 (renewed after the answer). The
 * token endpoint is held open until the test has looked: every {@code sendAsync()} has returned, no thread is parked in
 * the engine, and the HTTP client (two threads, so one blocked continuation would stall it) still serves another
 * connection. Threads started per exchange are compared with raw {@code sendAsync()} on the same client.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncRenewalTest {
    private static final int IN_FLIGHT = 500;
    private static final String CLIENT_SECRET = "client-secret-canary-async";

    private final VirtualTime time = new VirtualTime();
    private final InMemoryCredentialStore store = new InMemoryCredentialStore();
    private final ThreadPoolExecutor serverThreads = fixedPool(4);
    private final ThreadPoolExecutor clientThreads = fixedPool(2);
    private final CountDownLatch tokenRequested = new CountDownLatch(1);
    private final CountDownLatch releaseToken = new CountDownLatch(1);
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger refusedOldToken = new AtomicInteger();
    private volatile CountDownLatch oldTokenSeen = new CountDownLatch(0);
    private volatile boolean holdingToken;
    private HttpServer server;
    private HttpClient client;
    private String base;
    private BlueprintEngine engine;

    /** A pool whose threads all exist before anything is counted. */
    private static ThreadPoolExecutor fixedPool(int size) {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(size);
        pool.prestartAllCoreThreads();
        return pool;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.setExecutor(serverThreads);
        server.createContext("/oauth/token", exchange -> {
            tokenRequests.incrementAndGet();
            holdingToken = true;
            tokenRequested.countDown();
            try {
                releaseToken.await(20, TimeUnit.SECONDS); // bounded: a broken engine fails the test, it does not hang it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            holdingToken = false;
            answer(exchange, 200, "{\"access_token\":\"new-access\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        });
        server.createContext("/api", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if ("Bearer old-access".equals(authorization)) {
                refusedOldToken.incrementAndGet();
                oldTokenSeen.countDown();
                answer(exchange, 401, "{}");
                return;
            }
            answer(exchange, "Bearer new-access".equals(authorization) || "Bearer other-access".equals(authorization) ? 200 : 403, "{}");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        String yaml = """
                integrations:
                  acme:
                    oauth_client_id: client-1
                    oauth_client_secret: %s
                    auth:
                      mode: oauth2
                      authorization_url: "https://auth.example/authorize"
                      token_url: "%s/oauth/token"
                      refresh: {margin: PT5M, default_access_token_ttl: PT1H}
                    requests: {base_url: "%s/api", timeout: PT30S}
                    retry: {max_attempts: 2, backoff: {initial: PT1S, max: PT1S}}
                """.formatted(CLIENT_SECRET, base, base);
        client = HttpClient.newBuilder().executor(clientThreads).followRedirects(HttpClient.Redirect.NEVER).build();
        engine = BlueprintEngine.builder().environment(Map.of()).integrations("integrations.yaml", yaml)
                .clock(time).scheduler(time).credentialStore(store).httpClient(client).build();
    }

    @AfterEach
    void stop() {
        releaseToken.countDown();
        engine.close();
        server.stop(0);
        serverThreads.shutdownNow();
        clientThreads.shutdownNow();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void store(String connection, String access, Duration validFor) {
        engine.integration("acme").saveCredentials(connection, new Credentials.OAuth2Tokens(Secret.of(access),
                Optional.of(Secret.of("refresh-canary-" + connection)), Optional.of(time.instant().plus(validFor)), Optional.of(time.instant())));
    }

    /** Threads, the connection pool and the other connection's path are warm before anything is counted. */
    private void warmUp(Integration acme) throws Exception {
        store("other", "other-access", Duration.ofHours(1));
        List<CompletableFuture<HttpResponse<String>>> warm = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            warm.add(acme.client("other").request("GET", "/warm").sendAsync());
        }
        for (CompletableFuture<HttpResponse<String>> call : warm) {
            assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    /**
     * Threads started per exchange by raw {@code sendAsync()} on the same client. Not zero everywhere: where the common
     * pool has one thread (2 cores), the JDK completes each {@code sendAsync()} on a thread of its own.
     */
    private double rawThreadsPerExchange() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long started = threads.getTotalStartedThreadCount();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/raw/" + i)).header("Authorization", "Bearer other-access")
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        return (threads.getTotalStartedThreadCount() - started) / (double) IN_FLIGHT;
    }

    /** Threads parked inside the engine other than the renewal itself: one is a request holding a thread. */
    private static List<String> parkedInTheEngine() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey() != Thread.currentThread() && !e.getKey().getName().startsWith("blueprint-renewal"))
                .filter(e -> e.getKey().getState() != Thread.State.RUNNABLE)
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(AsyncRenewalTest::engineCode))
                .map(e -> e.getKey().getName() + " at " + Arrays.stream(e.getValue()).filter(AsyncRenewalTest::engineCode).findFirst().orElseThrow())
                .toList();
    }

    private static boolean engineCode(StackTraceElement frame) {
        return frame.getClassName().startsWith("dev.blueprint.") && !frame.getClassName().startsWith(AsyncRenewalTest.class.getName());
    }

    private List<CompletableFuture<HttpResponse<String>>> sendAll(Integration acme) {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            calls.add(acme.client("c1").request("GET", "/items/" + i).sendAsync());
        }
        return calls;
    }

    /** While the renewal is held: every call returned and waits, the client still serves others, nobody is parked. */
    private void assertNothingWaitsOnAThread(Integration acme, List<CompletableFuture<HttpResponse<String>>> calls) throws Exception {
        assertThat(tokenRequested.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(holdingToken).isTrue();
        assertThat(acme.client("other").request("GET", "/meanwhile").sendAsync().get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(calls).noneMatch(CompletableFuture::isDone);
        assertThat(parkedInTheEngine()).isEmpty();
    }

    private void releaseAndExpectSuccess(List<CompletableFuture<HttpResponse<String>>> calls) throws Exception {
        releaseToken.countDown();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(tokenRequests).hasValue(1);
    }

    @Test
    void requestsWaitingForADueTokenHoldNoThreadAndShareOneRenewal() throws Exception {
        Integration acme = engine.integration("acme");
        warmUp(acme);
        double rawPerExchange = rawThreadsPerExchange();
        store("c1", "old-access", Duration.ofMinutes(1)); // within the 5-minute margin: renewed before sending
        long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();

        List<CompletableFuture<HttpResponse<String>>> calls = sendAll(acme);
        assertNothingWaitsOnAThread(acme, calls);
        releaseAndExpectSuccess(calls);

        assertThat(refusedOldToken).hasValue(0);
        long exchanges = IN_FLIGHT + 1; // and the one to the other connection
        // As many threads per exchange as raw sendAsync() starts, plus the one renewal thread.
        assertThat(ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - started)
                .isLessThanOrEqualTo(Math.round(rawPerExchange * exchanges) + 1);
    }

    @Test
    void requestsRefusedWith401WaitForOneRenewalWithoutBlockingTheClientsThreads() throws Exception {
        Integration acme = engine.integration("acme");
        warmUp(acme);
        double rawPerExchange = rawThreadsPerExchange();
        store("c1", "old-access", Duration.ofHours(1)); // looks valid; the API refuses it
        oldTokenSeen = new CountDownLatch(IN_FLIGHT);
        long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();

        List<CompletableFuture<HttpResponse<String>>> calls = sendAll(acme);
        assertThat(oldTokenSeen.await(20, TimeUnit.SECONDS)).isTrue();
        assertNothingWaitsOnAThread(acme, calls);
        releaseAndExpectSuccess(calls);

        assertThat(refusedOldToken).hasValue(IN_FLIGHT);
        long exchanges = 2L * IN_FLIGHT + 1; // each refused, then repeated; and the other connection's
        assertThat(ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - started)
                .isLessThanOrEqualTo(Math.round(rawPerExchange * exchanges) + 1);
    }

    @Test
    void aConnectionWithoutTokensFailsAtOnceAsTheBlockingCallDoes() {
        Integration acme = engine.integration("acme");
        assertThatThrownBy(() -> acme.client("nobody").request("GET", "/items").sendAsync().join())
                .hasCauseInstanceOf(MissingCredentialsException.class);
        assertThatThrownBy(() -> acme.client("nobody").get("/items")).isInstanceOf(MissingCredentialsException.class);
        assertThat(tokenRequests).hasValue(0);
    }

    @Test
    void closingTheEngineAnswersEveryRequestWaitingForARenewalRunningOrQueued() throws Exception {
        Integration acme = engine.integration("acme");
        int connections = RenewalThreads.MAX_THREADS + 2; // two renewals wait in the queue
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            store("c" + i, "old-access", Duration.ofMinutes(1));
            calls.add(acme.client("c" + i).request("GET", "/items").sendAsync());
        }
        assertThat(tokenRequested.await(10, TimeUnit.SECONDS)).isTrue();

        engine.close();

        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThatThrownBy(() -> call.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        }
    }
}
