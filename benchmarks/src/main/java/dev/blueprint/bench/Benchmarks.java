package dev.blueprint.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Runs every benchmark and prints a Markdown summary (see docs/benchmarks.md). Each compares the engine with
 * a baseline measured in the same run, so the ratios hold on any machine.
 *
 * <pre>mvn -q -DskipTests package && java -jar benchmarks/target/benchmarks.jar [--quick] [--overhead-only | --java-service | --catalog]</pre>
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        // Before anything starts the common pool: RemoteOverhead's reason (a pool of one thread when pinned) holds here too.
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
        Options options = Options.parse(args, java.util.Set.of("--quick", "--overhead-only", "--java-service", "--catalog"),
                "java -jar benchmarks/target/benchmarks.jar [--quick] [--overhead-only | --java-service | --catalog]");
        boolean quick = options.has("--quick");
        boolean overheadOnly = options.has("--overhead-only");
        // The JDK server otherwise waits on Nagle + delayed ACK (~40 ms per small response).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Locale.setDefault(Locale.ROOT);
        if (options.has("--java-service")) {
            javaService(quick);
            return;
        }
        if (options.has("--catalog")) {
            catalog(quick);
            return;
        }
        // Per-request overhead (docs/benchmarks.md section 2): the exact cost in memory, then against a server in another
        // process. The same-JVM server harness these replace could not tell the engine's cost from noise.
        System.out.println("## Per-request cost, in memory (StageCost)");
        System.out.println();
        StageCost.main(quick ? new String[] {"--quick"} : new String[0]);
        System.out.println();
        System.out.println("## Per-request overhead, server in another process (RemoteOverhead)");
        System.out.println();
        RemoteOverhead.main(quick ? new String[] {"--quick"} : new String[0]);

        if (overheadOnly) {
            return;
        }

        RefreshStorm.Result storm = RefreshStorm.inProcess(200);
        System.out.printf("%n## Refresh storm: %d concurrent callers, token endpoint taking %d ms%n%n", storm.callers(),
                RefreshStorm.TOKEN_LATENCY.toMillis());
        System.out.println("| token | token requests | p50 ms | p99 ms |");
        System.out.println("|---|---:|---:|---:|");
        System.out.printf("| valid | 0 | %.1f | %.1f |%n", storm.validToken().p50Micros() / 1000.0, storm.validToken().p99Micros() / 1000.0);
        System.out.printf("| just expired | %d | %.1f | %.1f |%n", storm.tokenRequests(), storm.expiredToken().p50Micros() / 1000.0,
                storm.expiredToken().p99Micros() / 1000.0);
        RefreshStorm.ProcessesResult processes = RefreshStorm.acrossProcesses(2, 100);
        System.out.printf("%nTwo processes × %d callers on one SQLite store: %d token request(s), %d of %d processes succeeded%n",
                processes.callersEach(), processes.tokenRequests(), processes.succeeded(), processes.processes());
        int perWindow = 200;
        Duration window = Duration.ofSeconds(1);
        int requests = 2000;
        System.out.printf("%n## Budget use: %d requests, 8 threads, server allows %d per %s window%n%n", requests, perWindow, window);
        System.out.println("| client | succeeded | 429s received | seconds | accepted per window | achieved / allowed |");
        System.out.println("|---|---:|---:|---:|---|---:|");
        for (BudgetBenchmark.Result result : new BudgetBenchmark.Result[] {
                BudgetBenchmark.engine(8, requests, perWindow, window),
                BudgetBenchmark.naive(8, requests, perWindow, window)}) {
            System.out.printf("| %s | %d | %d | %.2f | %s | %.3f |%n", result.client(), result.succeeded(), result.throttled(),
                    result.seconds(), result.acceptedPerWindow(), result.budgetUse());
        }
    }

    /** Issue 16's two goals: an observed request against an unobserved one, and paging against a hand-written loop. */
    static void javaService(boolean quick) throws Exception {
        ObservationCost.Result observed = ObservationCost.run(quick ? 20_000 : 100_000, quick ? 3 : 9);
        System.out.printf("%n## Observation cost: MicrometerObserver into a SimpleMeterRegistry, in-memory HttpClient, 1 thread%n%n"
                + "unobserved: %.1f µs per request; observed: %.1f µs; per-round throughput ratios %s%n"
                + "Median ratio observed / unobserved: **%.3f** (goal ≥ 0.98)%n",
                observed.plainNanos() / 1000, observed.observedNanos() / 1000, observed.ratios().stream()
                        .map(r -> String.format("%.3f", r)).collect(java.util.stream.Collectors.joining(", ")), observed.medianRatio());
        ObservationCost.Result served = ObservationCost.againstServer(quick ? 2_000 : 10_000, quick ? 3 : 9);
        System.out.printf("%nAgainst a local server on loopback: unobserved %.1f µs per request, observed %.1f µs; ratios %s%n"
                + "Median ratio observed / unobserved: **%.3f** (goal ≥ 0.98)%n",
                served.plainNanos() / 1000, served.observedNanos() / 1000, served.ratios().stream()
                        .map(r -> String.format("%.3f", r)).collect(java.util.stream.Collectors.joining(", ")), served.medianRatio());
        PagingThroughput.Result paging = PagingThroughput.run(quick ? 3 : 9);
        System.out.printf("%n## Paging: %d items, %d per page, local server%n%n"
                + "client.items(): %.0f items/s; raw HttpClient + Jackson loop: %.0f items/s; per-round ratios %s%n"
                + "Median ratio engine / raw: **%.3f** (goal ≥ 0.95)%n",
                PagingThroughput.ITEMS, PagingThroughput.PAGE, paging.engineItemsPerSecond(), paging.rawItemsPerSecond(),
                paging.ratios().stream().map(r -> String.format("%.3f", r)).collect(java.util.stream.Collectors.joining(", ")),
                paging.medianRatio());
    }

    /** Catalog loading at scale (issue 17): cost per blueprint must stay flat. */
    static void catalog(boolean quick) throws Exception {
        List<CatalogScale.Row> rows = CatalogScale.run(quick ? new int[] {200} : new int[] {1_000, 5_000});
        rows = CatalogScale.run(quick ? new int[] {200} : new int[] {1_000, 5_000}); // the second run, warm
        System.out.printf("%n## Catalog load and validation%n%n| catalog | blueprints | list ms | load + validate ms | µs per blueprint |%n|---|---:|---:|---:|---:|%n");
        for (CatalogScale.Row row : rows) {
            System.out.printf("| %s | %d | %.1f | %.0f | %.0f |%n", row.catalog(), row.blueprints(), row.listMillis(), row.validateMillis(),
                    row.microsPerBlueprint());
        }
    }
}
