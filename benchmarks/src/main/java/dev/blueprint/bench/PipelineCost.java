package dev.blueprint.bench;

import dev.blueprint.ApiClient;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** CPU per request of the engine's pipeline alone, against a canned in-memory HttpClient, single thread. */
final class PipelineCost {
    record Result(double rawNanos, double engineNanos) {
    }

    static Result run(int iterations) throws Exception {
        CannedHttpClient http = new CannedHttpClient();
        try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).httpClient(http)
                .integrations("bench.yaml", """
                        integrations:
                          bench:
                            auth: {mode: bearer}
                            requests: {base_url: "https://api.example.com/v2", headers: {Accept: application/json}}
                            rate_limit: {remaining: x-ratelimit-remaining, reset: {header: x-ratelimit-reset}}
                        """).build()) {
            Integration bench = engine.integration("bench");
            bench.saveCredentials("c1", Credentials.bearer("bench-token"));
            ApiClient client = bench.client("c1");
            Runnable raw = () -> {
                try {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.example.com/v2/prospects"))
                            .header("Accept", "application/json").header("Authorization", "Bearer bench-token")
                            .timeout(Duration.ofSeconds(30)).GET().build();
                    http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            Runnable viaEngine = () -> client.get("/prospects");
            time(raw, iterations);
            time(viaEngine, iterations);
            if (Boolean.getBoolean("bench.threads")) {
                for (int threads : new int[] {1, 2, 8}) {
                    System.out.printf("threads=%d raw=%.0f/s engine=%.0f/s%n", threads,
                            parallel(raw, threads, iterations), parallel(viaEngine, threads, iterations));
                }
            }
            return new Result(time(raw, iterations), time(viaEngine, iterations));
        }
    }

    private static double parallel(Runnable task, int threads, int iterations) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> time(task, iterations / threads)));
        }
        for (var f : futures) {
            f.get();
        }
        pool.shutdown();
        return iterations / ((System.nanoTime() - start) / 1e9);
    }

    private static double time(Runnable task, int iterations) {
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            task.run();
        }
        return (System.nanoTime() - start) / (double) iterations;
    }
}
