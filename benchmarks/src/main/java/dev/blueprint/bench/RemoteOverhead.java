package dev.blueprint.bench;

import dev.blueprint.ApiClient;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * ApiClient against raw HttpClient with the server in another process: each side pinned to its own core where
 * {@code taskset} exists, one shared HttpClient, identical headers, rounds in rotating order after warm-up. Two raw
 * baselines: one {@code HttpRequest} built once and reused (the cheapest possible caller), and one built per call (a
 * caller whose paths vary, as an API client's do). Reports the median ratio and spread of throughput (1 thread, 8
 * threads, async with 200 in flight), p50 latency for 1 thread, client CPU and allocation per request, and the threads
 * used by 10,000 requests sent at once.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.blueprint.bench.RemoteOverhead [--quick] [--one-thread]</pre>
 */
public final class RemoteOverhead {
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** One measured side of one round. */
    record Sample(long requests, double seconds, long cpuNanos, long allocatedBytes, long p50Nanos) {
        double throughput() {
            return requests / seconds;
        }
    }

    private interface Load {
        Sample run(Duration length) throws Exception;
    }

    private RemoteOverhead() {
    }

    public static void main(String[] args) throws Exception {
        // Pinned to one core, the JVM's common pool has one thread, and the JDK then completes every sendAsync() on a new
        // thread of its own: costly for both sides alike, and the allocation of threads that ended cannot be counted.
        // A pool of two, as on any machine with 3 cores or more.
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
        Options options = Options.parse(args, java.util.Set.of("--quick", "--one-thread"),
                "java -cp benchmarks/target/benchmarks.jar dev.blueprint.bench.RemoteOverhead [--quick] [--one-thread]");
        boolean quick = options.has("--quick");
        Locale.setDefault(Locale.ROOT);
        boolean pinned = pin(ProcessHandle.current().pid(), "0");
        Process server = startServer();
        try {
            int port = readPort(server);
            String base = "http://127.0.0.1:" + port + "/api";
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).httpClient(http).integrations("bench.yaml", "integrations:\n"
                    + BenchIntegration.bearer("bench", base) + """
                      renewing:
                        oauth_client_id: bench-client
                        oauth_client_secret: bench-secret
                        auth: {mode: oauth2_client_credentials, token_url: "%s/oauth/token"}
                        requests: {base_url: "%s", headers: {Accept: application/json}, timeout: PT60S}
                    """.formatted(base.replace("/api", ""), base)).build()) {
                Integration bench = engine.integration("bench");
                bench.saveCredentials("c1", Credentials.bearer("bench-token"));
                ApiClient client = bench.client("c1");
                HttpRequest raw = HttpRequest.newBuilder(URI.create(base + "/prospects")).header("Accept", "application/json")
                        .header("Authorization", "Bearer bench-token").timeout(Duration.ofSeconds(30)).GET().build();
                Duration round = Duration.ofSeconds(quick ? 1 : 2);
                int pairs = quick ? 2 : 10;
                System.out.printf("# server in another JVM%s; %d ABBA rounds of %s per side%n%n", pinned ? ", pinned to cores 1 and 0" : " (taskset not found: not pinned)",
                        pairs * 2, round);
                // A raw caller with one fixed request can build it once; one with varying paths builds one per call.
                Supplier<HttpRequest> built = () -> HttpRequest.newBuilder(URI.create(base + "/prospects")).header("Accept", "application/json")
                        .header("Authorization", "Bearer bench-token").timeout(Duration.ofSeconds(30)).GET().build();
                System.out.println("| load | engine req/s | raw req/s | throughput ratio (spread) | p50 engine / raw | engine CPU µs/req "
                        + "| raw CPU µs/req | added | engine KB/req | raw KB/req | added |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
                report("1 thread", closedLoop(1, () -> client.get("/prospects")), closedLoop(1, () -> send(http, raw)),
                        closedLoop(1, () -> send(http, built.get())), round, pairs, true);
                if (options.has("--one-thread")) {
                    return;
                }
                report("8 threads", closedLoop(8, () -> client.get("/prospects")), closedLoop(8, () -> send(http, raw)),
                        closedLoop(8, () -> send(http, built.get())), round, pairs, false);
                report("async, 200 in flight", async(200, () -> client.request("GET", "/prospects").sendAsync()),
                        async(200, () -> http.sendAsync(raw, HttpResponse.BodyHandlers.ofString())),
                        async(200, () -> http.sendAsync(built.get(), HttpResponse.BodyHandlers.ofString())), round, pairs, false);
                threads(quick ? 2_000 : 10_000, http, raw, client, engine.integration("renewing"));
            }
        } finally {
            server.destroyForcibly();
        }
    }

    /**
     * Threads used while {@code n} requests are sent at once: raw {@code sendAsync()}, the engine with a valid token, and
     * the engine when every request must wait for one token renewal (the connection's token has just expired).
     */
    private static void threads(int n, HttpClient http, HttpRequest raw, ApiClient client, Integration renewing) {
        ApiClient renewingClient = renewing.client("c1");
        Runnable expire = () -> renewing.saveCredentials("c1", new Credentials.OAuth2Tokens(dev.blueprint.Secret.of("expired-access"),
                java.util.Optional.empty(), java.util.Optional.of(java.time.Instant.now().minusSeconds(60)), java.util.Optional.empty()));
        System.out.printf("%n| %,d requests sent at once | threads started | peak live threads added | failed |%n|---|---|---|---|%n", n);
        for (int run = 0; run < 2; run++) { // the first run warms up; both are printed
            System.out.println(burst("raw sendAsync()", n, () -> http.sendAsync(raw, HttpResponse.BodyHandlers.ofString())));
            System.out.println(burst("engine sendAsync(), valid token", n, () -> client.request("GET", "/prospects").sendAsync()));
            expire.run();
            System.out.println(burst("engine sendAsync(), all waiting for one renewal", n,
                    () -> renewingClient.request("GET", "/prospects").sendAsync()));
        }
    }

    private static String burst(String name, int n, Supplier<CompletableFuture<?>> call) {
        System.gc();
        long started = THREADS.getTotalStartedThreadCount();
        int live = THREADS.getThreadCount();
        THREADS.resetPeakThreadCount();
        List<CompletableFuture<?>> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            calls.add(call.get());
        }
        long failed = calls.stream().filter(c -> {
            try {
                c.join();
                return false;
            } catch (RuntimeException e) {
                return true;
            }
        }).count();
        return String.format("| %s | %,d | %,d | %,d |", name, THREADS.getTotalStartedThreadCount() - started, THREADS.getPeakThreadCount() - live, failed);
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the engine and both raw baselines in rotating order (E R P, then P R E: each side runs first, middle and last
     * equally often, so drift and warm-up cancel out) and prints one row per baseline.
     */
    private static void report(String name, Load engine, Load prebuilt, Load perCall, Duration round, int pairs, boolean latency)
            throws Exception {
        List<Load> sides = List.of(engine, prebuilt, perCall);
        for (Load side : sides) {
            side.run(Duration.ofSeconds(3)); // warm-up
        }
        List<List<Sample>> samples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int pair = 0; pair < pairs; pair++) {
            for (int i = 0; i < sides.size(); i++) {
                int side = pair % 2 == 0 ? i : sides.size() - 1 - i;
                samples.get(side).add(sides.get(side).run(round));
            }
        }
        row(name + ", raw request prebuilt", samples.get(0), samples.get(1), latency);
        row(name + ", raw request built per call", samples.get(0), samples.get(2), latency);
    }

    private static void row(String name, List<Sample> engineSamples, List<Sample> rawSamples, boolean latency) {
        int pairs = engineSamples.size();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            ratios.add(engineSamples.get(i).throughput() / rawSamples.get(i).throughput());
        }
        Collections.sort(ratios);
        double cpuEngine = median(engineSamples.stream().mapToDouble(s -> (double) s.cpuNanos() / s.requests()).toArray());
        double cpuRaw = median(rawSamples.stream().mapToDouble(s -> (double) s.cpuNanos() / s.requests()).toArray());
        double allocEngine = median(engineSamples.stream().mapToDouble(s -> (double) s.allocatedBytes() / s.requests()).toArray());
        double allocRaw = median(rawSamples.stream().mapToDouble(s -> (double) s.allocatedBytes() / s.requests()).toArray());
        double p50Engine = median(engineSamples.stream().mapToDouble(Sample::p50Nanos).toArray());
        double p50Raw = median(rawSamples.stream().mapToDouble(Sample::p50Nanos).toArray());
        System.out.printf("| %s | %.0f | %.0f | **%.3f** (%.3f–%.3f) | %s | %.1f | %.1f | %+.1f | %.1f | %.1f | %+.2f |%n", name,
                median(engineSamples.stream().mapToDouble(Sample::throughput).toArray()),
                median(rawSamples.stream().mapToDouble(Sample::throughput).toArray()),
                ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1),
                latency ? String.format("%.0f / %.0f µs: **%.3f**", p50Engine / 1000, p50Raw / 1000, p50Engine / p50Raw) : "–",
                cpuEngine / 1000, cpuRaw / 1000, (cpuEngine - cpuRaw) / 1000, allocEngine / 1024, allocRaw / 1024, (allocEngine - allocRaw) / 1024);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** {@code threads} threads sending back to back for the round's length. */
    private static Load closedLoop(int threads, Runnable call) {
        return length -> {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            AtomicLong done = new AtomicLong();
            long[][] latencies = new long[threads][];
            long cpu = OS.getProcessCpuTime();
            Map<Long, Long> allocated = allocatedByThread();
            long start = System.nanoTime();
            long end = start + length.toNanos();
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int index = t;
                workers.add(CompletableFuture.runAsync(() -> {
                    long[] own = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        call.run();
                        if (n < own.length) {
                            own[n] = System.nanoTime() - sent;
                        }
                        n++;
                    }
                    done.addAndGet(n);
                    latencies[index] = Arrays.copyOf(own, Math.min(n, own.length));
                }, pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpuUsed = OS.getProcessCpuTime() - cpu;
            long allocatedUsed = allocatedSince(allocated);
            pool.shutdown();
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            return new Sample(done.get(), seconds, cpuUsed, allocatedUsed, all.length == 0 ? 0 : all[all.length / 2]);
        };
    }

    /** Up to {@code inFlight} asynchronous requests outstanding for the round's length. */
    private static Load async(int inFlight, Supplier<CompletableFuture<?>> call) {
        return length -> {
            Semaphore slots = new Semaphore(inFlight);
            AtomicLong done = new AtomicLong();
            long cpu = OS.getProcessCpuTime();
            Map<Long, Long> allocated = allocatedByThread();
            long start = System.nanoTime();
            long end = start + length.toNanos();
            while (System.nanoTime() < end) {
                slots.acquire();
                call.get().whenComplete((ignored, failure) -> {
                    done.incrementAndGet();
                    slots.release();
                });
            }
            slots.acquire(inFlight);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Sample(done.get(), seconds, OS.getProcessCpuTime() - cpu, allocatedSince(allocated), 0);
        };
    }

    /** Bytes allocated so far by each live thread. */
    private static Map<Long, Long> allocatedByThread() {
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new java.util.HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] > 0) {
                byThread.put(ids[i], bytes[i]);
            }
        }
        return byThread;
    }

    /**
     * Bytes allocated since {@code before} by the threads alive now, each against its own earlier count. A thread that
     * ended meanwhile is left out (JDK 17 forgets its count); subtracting one total from another would instead take its
     * whole life's allocation off the round, which is how a first version of this harness under-counted by 10 KB/request.
     */
    private static long allocatedSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : allocatedByThread().entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    private static Process startServer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (taskset()) {
            command.addAll(List.of("taskset", "-c", "1"));
        }
        command.addAll(List.of(java, "-Dsun.net.httpserver.nodelay=true", "-cp", System.getProperty("java.class.path"),
                ServerMain.class.getName()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static int readPort(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("port=")) {
                return Integer.parseInt(line.substring(5));
            }
        }
        throw new IllegalStateException("the server process ended before it printed its port");
    }

    private static boolean taskset() {
        return Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset"));
    }

    private static boolean pin(long pid, String cores) {
        if (!taskset()) {
            return false;
        }
        try {
            return new ProcessBuilder("taskset", "-a", "-p", "-c", cores, Long.toString(pid)).redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
