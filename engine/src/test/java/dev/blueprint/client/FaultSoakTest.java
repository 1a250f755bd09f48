package dev.blueprint.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.ApiClient;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.BlueprintException;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A bounded soak: 32 threads × 1,000 calls against a server that injects latency, 5xx, connection resets,
 * stalled sockets, 429s, bodies that trickle in, bodies over the limit and overflowing headers at random (seeded). Every call must end with a response or one of the engine's typed
 * errors within its deadline; the engine's thread count stays bounded; nothing deadlocks. Real time and the
 * engine's own scheduler: this soaks real concurrency.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // a hang guard; the run takes well under a minute
class FaultSoakTest {
    private static final int THREADS = 32;
    private static final int CALLS_PER_THREAD = 1_000;
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(250);
    private static final int MAX_ATTEMPTS = 4;
    private static final Duration MAX_ELAPSED = Duration.ofSeconds(2);
    /** Every attempt may time out, plus backoff, plus scheduling on two busy cores. */
    private static final Duration DEADLINE = ATTEMPT_TIMEOUT.multipliedBy(MAX_ATTEMPTS).plus(MAX_ELAPSED).plusSeconds(2);

    enum Fault { NONE, SLOW, SERVER_ERROR, RESET, STALL, THROTTLED, SLOW_BODY, TOO_LARGE, OVERFLOW }

    /** A body over the integration's max_response_bytes (1 KiB here). */
    private static final String LARGE_BODY = "x".repeat(4096);

    /** Picks a fault per request from a seeded generator, and counts what it injected. */
    static final class FaultyDispatcher extends Dispatcher {
        private final SplittableRandom random;
        final Map<Fault, LongAdder> injected = new ConcurrentHashMap<>();

        FaultyDispatcher(long seed) {
            this.random = new SplittableRandom(seed);
        }

        private synchronized int roll() {
            return random.nextInt(1_000);
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            int roll = roll();
            Fault fault = roll < 15 ? Fault.SERVER_ERROR
                    : roll < 25 ? Fault.RESET
                    : roll < 28 ? Fault.STALL
                    : roll < 43 ? Fault.THROTTLED
                    : roll < 46 ? Fault.SLOW_BODY
                    : roll < 51 ? Fault.TOO_LARGE
                    : roll < 61 ? Fault.OVERFLOW
                    : roll < 161 ? Fault.SLOW : Fault.NONE;
            injected.computeIfAbsent(fault, f -> new LongAdder()).increment();
            return switch (fault) {
                case SERVER_ERROR -> new MockResponse.Builder().code(List.of(500, 502, 503).get(roll % 3)).body("{}").build();
                case RESET -> new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket(true, true, true)).build();
                case STALL -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
                case THROTTLED -> new MockResponse.Builder().code(429).addHeader("Retry-After", "0").body("{}").build();
                case SLOW -> new MockResponse.Builder().code(200).headersDelay(1 + roll % 5, TimeUnit.MILLISECONDS).body("{}").build();
                // Headers at once, then a byte every 50 ms: cut at the attempt's deadline, not waited for.
                case SLOW_BODY -> new MockResponse.Builder().code(200).throttleBody(1, 50, TimeUnit.MILLISECONDS).body("{\"padding\":\"0123456789\"}").build();
                case TOO_LARGE -> new MockResponse.Builder().code(200).body(LARGE_BODY).build();
                case OVERFLOW -> new MockResponse.Builder().code(200).addHeader("Retry-After", "1e20")
                        .addHeader("RateLimit-Reset", "1e25").addHeader("RateLimit-Remaining", "1e30").body("{}").build();
                case NONE -> new MockResponse.Builder().code(200).body("{}").build();
            };
        }
    }

    private static String integration(String base) {
        return """
                integrations:
                  soak:
                    auth: {mode: bearer}
                    requests: {base_url: "%s/api", timeout: %s, max_response_bytes: 1024}
                    rate_limit: {statuses: [429], retry_after: [retry-after], max_wait: PT5S}
                    retry:
                      max_attempts: %d
                      on_status: [500, 502, 503, 504]
                      on_timeout: true
                      on_connection_error: true
                      backoff: {initial: PT0.001S, max: PT0.01S, multiplier: 2.0, jitter: 0.2}
                      max_elapsed: %s
                """.formatted(base, ATTEMPT_TIMEOUT, MAX_ATTEMPTS, MAX_ELAPSED);
    }

    private static int engineThreads(ThreadMXBean threads) {
        // The server runs in this JVM too; its threads (one per connection, stalled ones included) are not ours.
        int ours = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && !info.getThreadName().contains("MockWebServer") && !info.getThreadName().startsWith("OkHttp")) {
                ours++;
            }
        }
        return ours;
    }

    private static long usedHeapAfterGc() {
        System.gc(); // a request, enough to compare two quiet moments
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void everyCallEndsInTimeWithAResponseOrATypedError() throws Exception {
        long seed = System.nanoTime();
        FaultyDispatcher dispatcher = new FaultyDispatcher(seed);
        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        Map<String, LongAdder> outcomes = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        AtomicInteger late = new AtomicInteger();
        AtomicInteger peakThreads = new AtomicInteger();
        long started = System.nanoTime();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(dispatcher);
            server.start(InetAddress.getByName("127.0.0.1"), 0);
            try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of())
                    .integrations("soak.yaml", integration("http://127.0.0.1:" + server.getPort()))
                    .credentialStore(new dev.blueprint.store.InMemoryCredentialStore()).build()) {
                Integration soak = engine.integration("soak");
                soak.saveCredentials("c1", Credentials.bearer("soak-token"));
                ApiClient client = soak.client("c1");
                client.get("/warm-up-" + 0).statusCode();
                int baseline = engineThreads(threadBean);
                long heapBefore = usedHeapAfterGc();
                ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
                sampler.scheduleAtFixedRate(() -> peakThreads.accumulateAndGet(engineThreads(threadBean), Math::max),
                        0, 50, TimeUnit.MILLISECONDS);
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                Map<String, LongAdder> counts = new ConcurrentHashMap<>();
                List<String> surprises = java.util.Collections.synchronizedList(new ArrayList<>());
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    workers.add(pool.submit(() -> {
                        for (int i = 0; i < CALLS_PER_THREAD; i++) {
                            long callStarted = System.nanoTime();
                            String outcome;
                            try {
                                outcome = "HTTP " + client.get("/items").statusCode();
                            } catch (BlueprintException e) {
                                outcome = e.getClass().getSimpleName() + " [" + e.code() + "]";
                            } catch (RuntimeException e) {
                                outcome = "unexpected " + e.getClass().getName();
                                surprises.add(e.getClass().getName() + ": " + e.getMessage());
                            }
                            if (Duration.ofNanos(System.nanoTime() - callStarted).compareTo(DEADLINE) > 0) {
                                late.incrementAndGet();
                            }
                            counts.computeIfAbsent(outcome, o -> new LongAdder()).increment();
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
                pool.shutdown();
                sampler.shutdownNow();
                counts.forEach(outcomes::put);
                unexpected.addAll(surprises);
                long total = outcomes.values().stream().mapToLong(LongAdder::sum).sum();
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                System.out.printf("fault soak (seed %d): %d calls in %.1f s; outcomes %s; injected %s; engine threads %d → peak %d%n",
                        seed, total, took.toMillis() / 1000.0, outcomes, dispatcher.injected, baseline, peakThreads.get());
                assertThat(total).isEqualTo((long) THREADS * CALLS_PER_THREAD);
                // The test's 32 callers plus the HttpClient's workers, which grow with concurrency (one run: 12 → 74),
                // not with calls: a leak would show thousands after 32,000 calls.
                assertThat(peakThreads.get()).as("engine threads (seed %d)", seed).isLessThanOrEqualTo(baseline + THREADS + 64);
                // What 32,000 calls leave behind once collected: a leak of one body or call per request would show.
                // The server in this JVM keeps every request it recorded; those are not the engine's.
                while (server.takeRequest(1, TimeUnit.MILLISECONDS) != null) {
                    // drained
                }
                long heapGrowth = usedHeapAfterGc() - heapBefore;
                System.out.printf("fault soak: heap after the run %+,d bytes%n", heapGrowth);
                assertThat(heapGrowth).as("heap left behind (seed %d)", seed).isLessThan(32L << 20);
            }
        }
        assertThat(unexpected).as("calls that ended in an untyped error (seed %d)", seed).isEmpty();
        assertThat(late.get()).as("calls that outlived their deadline of %s (seed %d)", DEADLINE, seed).isZero();
        assertThat(dispatcher.injected.keySet()).as("every fault kind was injected (seed %d)", seed).containsAll(List.of(Fault.values()));
        assertThat(threadBean.findDeadlockedThreads()).as("deadlocked threads").isNull();
    }
}
