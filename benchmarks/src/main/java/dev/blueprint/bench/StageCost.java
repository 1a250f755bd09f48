package dev.blueprint.bench;

import dev.blueprint.ApiClient;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the engine adds to one request, exactly: the same call through the engine and through raw {@code HttpClient},
 * both against an in-memory client that answers at once with a real API's headers, on one thread, whose own CPU time
 * and allocated bytes ({@code ThreadMXBean}) are counted. No network and no other thread, so the difference is the
 * engine's and nothing else; {@link RemoteOverhead} shows what that difference means next to a real exchange. Then a
 * JFR profile of the engine side (1 ms samples) splits its time by the engine class doing the work.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.blueprint.bench.StageCost [--quick]</pre>
 */
public final class StageCost {
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds and bytes allocated per call, on this thread. */
    record Cost(double cpuNanos, double bytes) {
    }

    private StageCost() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        boolean quick = Options.parse(args, java.util.Set.of("--quick"),
                "java -cp benchmarks/target/benchmarks.jar dev.blueprint.bench.StageCost [--quick]").has("--quick");
        int calls = quick ? 50_000 : 200_000;
        int rounds = quick ? 3 : 7;
        CannedHttpClient http = new CannedHttpClient(CannedHttpClient.API);
        try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).httpClient(http).integrations("bench.yaml",
                "integrations:\n" + BenchIntegration.bearer("bench", "https://api.example.com/v2")).build()) {
            engine.integration("bench").saveCredentials("c1", Credentials.bearer("bench-token"));
            ApiClient client = engine.integration("bench").client("c1");
            HttpRequest prebuilt = request();
            Map<String, Runnable> sides = new java.util.LinkedHashMap<>();
            sides.put("raw, request prebuilt", () -> send(http, prebuilt));
            sides.put("raw, request built per call", () -> send(http, request()));
            sides.put("engine send()", () -> client.get("/prospects"));
            sides.put("engine sendAsync().join()", () -> client.request("GET", "/prospects").sendAsync().join());
            for (Runnable side : sides.values()) {
                measure(side, calls); // warm-up
            }
            Map<String, List<Cost>> costs = new HashMap<>();
            for (int round = 0; round < rounds; round++) {
                List<String> order = new ArrayList<>(sides.keySet());
                if (round % 2 == 1) {
                    java.util.Collections.reverse(order);
                }
                for (String name : order) {
                    costs.computeIfAbsent(name, n -> new ArrayList<>()).add(measure(sides.get(name), calls));
                }
            }
            System.out.printf("# %,d calls per side per round, %d rounds in alternating order; medians%n%n", calls, rounds);
            System.out.println("| path | CPU µs/call | added vs prebuilt | added vs built per call | bytes/call | added vs prebuilt | added vs built per call |");
            System.out.println("|---|---|---|---|---|---|---|");
            Cost prebuiltCost = median(costs.get("raw, request prebuilt"));
            Cost perCallCost = median(costs.get("raw, request built per call"));
            for (String name : sides.keySet()) {
                Cost cost = median(costs.get(name));
                System.out.printf("| %s | %.2f | %+.2f | %+.2f | %,.0f | %+,.0f | %+,.0f |%n", name, cost.cpuNanos() / 1000,
                        (cost.cpuNanos() - prebuiltCost.cpuNanos()) / 1000, (cost.cpuNanos() - perCallCost.cpuNanos()) / 1000,
                        cost.bytes(), cost.bytes() - prebuiltCost.bytes(), cost.bytes() - perCallCost.bytes());
            }
            profile(sides.get("engine send()"), quick ? Duration.ofSeconds(3) : Duration.ofSeconds(10), median(costs.get("engine send()")));
        }
        memoryPerConnection(http, quick ? 5_000 : 20_000);
    }

    /**
     * Heap the engine keeps per connection it has sent for (its rate-limit state, cached store reads), beyond the
     * stored credentials themselves: credentials for {@code n} connections are stored first, then one request per
     * connection is sent; the heap growth after full collections, divided by {@code n}. Threads are counted too.
     */
    private static void memoryPerConnection(CannedHttpClient http, int n) throws Exception {
        try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).httpClient(http)
                .credentialStore(new dev.blueprint.store.InMemoryCredentialStore()).integrations("bench.yaml",
                "integrations:\n" + BenchIntegration.bearer("bench", "https://api.example.com/v2")).build()) {
            var bench = engine.integration("bench");
            bench.saveCredentials("warm", Credentials.bearer("bench-token"));
            bench.client("warm").get("/prospects");
            for (int i = 0; i < n; i++) {
                bench.saveCredentials("c" + i, Credentials.bearer("bench-token-" + i));
            }
            long before = settledHeap();
            int threadsBefore = THREADS.getThreadCount();
            for (int i = 0; i < n; i++) {
                bench.client("c" + i).get("/prospects");
            }
            long after = settledHeap();
            System.out.printf("%n# memory per used connection: %,d connections, one request each (in-memory store, credentials stored before)%n%n", n);
            System.out.println("| heap kept per used connection | threads added |");
            System.out.println("|---|---|");
            System.out.printf("| %,d B | %d |%n", (after - before) / n, THREADS.getThreadCount() - threadsBefore);
            bench.client("c0").get("/prospects"); // keeps the engine and its state reachable until measured
        }
    }

    private static long settledHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50); // lets the collector and reference processing finish between readings
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("https://api.example.com/v2/prospects")).header("Accept", "application/json")
                .header("Authorization", "Bearer bench-token").timeout(Duration.ofSeconds(30)).GET().build();
    }

    private static void send(CannedHttpClient http, HttpRequest request) {
        try {
            http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Cost measure(Runnable call, int calls) {
        long cpu = THREADS.getCurrentThreadCpuTime();
        long bytes = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return new Cost((THREADS.getCurrentThreadCpuTime() - cpu) / (double) calls,
                (THREADS.getCurrentThreadAllocatedBytes() - bytes) / (double) calls);
    }

    private static Cost median(List<Cost> costs) {
        double[] cpu = costs.stream().mapToDouble(Cost::cpuNanos).sorted().toArray();
        double[] bytes = costs.stream().mapToDouble(Cost::bytes).sorted().toArray();
        return new Cost(cpu[cpu.length / 2], bytes[bytes.length / 2]);
    }

    /**
     * Samples the engine side for {@code length} and charges each sample to the innermost engine class on its stack
     * (JDK code it calls counts as its own), then prints each class's share of the per-call CPU time.
     */
    private static void profile(Runnable call, Duration length, Cost cost) throws Exception {
        Path file = Files.createTempFile("stage-cost", ".jfr");
        Map<String, Long> samples = new HashMap<>();
        Map<String, Long> allocations = new HashMap<>();
        long total = 0;
        long allocated = 0;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.enable("jdk.ObjectAllocationSample").with("throttle", "10000/s");
            recording.start();
            long end = System.nanoTime() + length.toNanos();
            while (System.nanoTime() < end) {
                for (int i = 0; i < 1_000; i++) {
                    call.run();
                }
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = new ArrayList<>(RecordingFile.readAllEvents(file));
        events.sort(java.util.Comparator.comparing(RecordedEvent::getStartTime));
        boolean first = true;
        for (RecordedEvent event : events) {
            if (event.getStackTrace() == null) {
                continue;
            }
            if (event.getEventType().getName().equals("jdk.ObjectAllocationSample")) {
                if (event.getThread("eventThread").getJavaName().equals(Thread.currentThread().getName())) {
                    if (first) {
                        first = false; // its weight counts what the thread allocated before the recording began
                        continue;
                    }
                    long weight = event.getLong("weight");
                    allocated += weight;
                    allocations.merge(owner(event.getStackTrace().getFrames()) + " " + event.getClass("objectClass").getName(), weight, Long::sum);
                }
                continue;
            }
            if (!event.getThread("sampledThread").getJavaName().equals(Thread.currentThread().getName())) {
                continue;
            }
            total++;
            samples.merge(owner(event.getStackTrace().getFrames()), 1L, Long::sum);
        }
        Files.deleteIfExists(file);
        long counted = total;
        System.out.printf("%n# engine send(): %,d JFR execution samples (1 ms period asked), charged to the innermost engine class (JDK code it calls included)%n%n", total);
        System.out.println("| where | share | µs/call |");
        System.out.println("|---|---|---|");
        samples.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(25).forEach(e ->
                System.out.printf("| %s | %.1f%% | %.2f |%n", e.getKey(), 100.0 * e.getValue() / counted,
                        cost.cpuNanos() / 1000 * e.getValue() / counted));
        long bytes = allocated;
        System.out.printf("%n# engine send(): allocation samples (JFR, weighted), by innermost engine class and type%n%n");
        System.out.println("| where, what | share | bytes/call |");
        System.out.println("|---|---|---|");
        allocations.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(30).forEach(e ->
                System.out.printf("| %s | %.1f%% | %.0f |%n", e.getKey(), 100.0 * e.getValue() / bytes, cost.bytes() * e.getValue() / bytes));
    }

    private static String owner(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("dev.blueprint.bench.")) {
                return "in-memory HTTP client (raw pays this too)";
            }
            if (type.startsWith("dev.blueprint.")) {
                int lambda = type.indexOf("$$Lambda");
                String name = (lambda > 0 ? type.substring(0, lambda) : type).replace("dev.blueprint.", "");
                return name + "." + frame.getMethod().getName().replaceAll("lambda\\$(\\w+)\\$\\d+", "$1 (lambda)");
            }
        }
        return "JDK, outside the engine";
    }
}
