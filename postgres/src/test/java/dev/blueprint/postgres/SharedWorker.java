package dev.blueprint.postgres;

import dev.blueprint.ApiClient;
import dev.blueprint.BlueprintEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A separate service instance for the multi-process tests: opens the engine on the shared database by URL (as
 * users do, through BLUEPRINT_STORE_URL), warms up, says "ready", waits for a line on stdin, then makes {@code calls}
 * calls on {@code threads} threads and prints how many succeeded.
 */
public final class SharedWorker {
    private SharedWorker() {
    }

    public static void main(String[] args) throws Exception {
        String storeUrl = args[0];
        String integrations = args[1];
        int threads = Integer.parseInt(args[2]);
        int calls = Integer.parseInt(args[3]);
        // Three JVMs and the server on two cores: a request can stall for a few hundred milliseconds between its
        // slot and the provider, so the window edge is wider here than the 100 ms default.
        try (BlueprintEngine engine = BlueprintEngine.builder()
                .environment(Map.of("BLUEPRINT_STORE_URL", storeUrl, "BLUEPRINT_STORE_WINDOW_EDGE", "PT0.4S"))
                .integrations("integrations.yaml", integrations).build()) {
            ApiClient client = engine.integration("acme").client("c1");
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            // A warm-up round, one call per thread: a cold JVM's first requests can take longer than a window's
            // edge, and a request that leaves in one window but arrives in the next counts there too.
            client.get("/items");
            List<Future<Integer>> warmUp = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                warmUp.add(pool.submit(() -> client.get("/items").statusCode()));
            }
            for (Future<Integer> call : warmUp) {
                call.get();
            }
            // All instances start the measured part together, once none of them is still starting up: on two
            // cores a JVM that compiles its code can pause a thread between taking a slot and sending.
            System.out.println("ready");
            System.out.flush();
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)).readLine();
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                results.add(pool.submit(() -> client.get("/items").statusCode()));
            }
            int ok = 0;
            for (Future<Integer> result : results) {
                if (result.get() == 200) {
                    ok++;
                }
            }
            pool.shutdown();
            System.out.println("ok=" + ok);
        } catch (Exception e) {
            System.out.println("failed: " + e);
            System.exit(2);
        }
    }
}
