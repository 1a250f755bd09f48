package dev.blueprint.bench;

import dev.blueprint.ApiClient;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 1: the engine's per-request overhead. Raw {@code HttpClient} and {@code ApiClient} call the same
 * local server from 8 threads, in alternating rounds within one run; the ratio compares the two.
 */
final class OverheadBenchmark {
    interface Caller {
        int call() throws Exception;
    }

    /** Paired rounds (engine, then raw, back to back); the median pair by throughput ratio represents the run. */
    record Result(List<Stats> raws, List<Stats> engines) {
        List<Double> ratios() {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < raws.size(); i++) {
                ratios.add(engines.get(i).throughput() / raws.get(i).throughput());
            }
            return ratios;
        }

        int medianRound() {
            List<Double> ratios = ratios();
            List<Double> sorted = new ArrayList<>(ratios);
            java.util.Collections.sort(sorted);
            return ratios.indexOf(sorted.get(sorted.size() / 2));
        }

        double ratio() {
            return ratios().get(medianRound());
        }

        Stats raw() {
            return raws.get(medianRound());
        }

        Stats engine() {
            return engines.get(medianRound());
        }
    }

    static Result run(int threads, Duration warmup, Duration measure, int rounds) throws Exception {
        try (LocalServer server = new LocalServer(exchange -> LocalServer.respond(exchange, 200, "{\"data\":[]}"))) {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            URI uri = URI.create(server.baseUrl() + "/prospects");
            // The baseline builds its request per call, as any client calling varying endpoints does.
            Caller raw = () -> http.send(HttpRequest.newBuilder(uri)
                    .header("Accept", "application/json").header("Authorization", "Bearer bench-token")
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode();

            BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).httpClient(http)
                    .integrations("bench.yaml", """
                            integrations:
                              bench:
                                auth: {mode: bearer}
                                requests: {base_url: "%s", headers: {Accept: application/json}}
                                rate_limit: {remaining: x-ratelimit-remaining, reset: {header: x-ratelimit-reset}}
                            """.formatted(server.baseUrl())).build();
            Integration bench = engine.integration("bench");
            bench.saveCredentials("c1", Credentials.bearer("bench-token"));
            ApiClient client = bench.client("c1");
            Caller viaEngine = () -> client.get("/prospects").statusCode();

            measure(raw, threads, warmup);
            measure(viaEngine, threads, warmup);
            List<Stats> raws = new ArrayList<>();
            List<Stats> engines = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                engines.add(measure(viaEngine, threads, measure));
                raws.add(measure(raw, threads, measure));
            }
            engine.close();
            return new Result(raws, engines);
        }
    }

    static Stats measure(Caller caller, int threads, Duration duration) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit((Callable<long[]>) () -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long before = System.nanoTime();
                    if (caller.call() != 200) {
                        throw new IllegalStateException("unexpected status");
                    }
                    if (n == latencies.length) {
                        latencies = java.util.Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - before;
                }
                return java.util.Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : futures) {
            all.add(future.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return Stats.of(all.stream().flatMapToLong(java.util.Arrays::stream).toArray(), seconds);
    }
}
