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
 * users do, through BLUEPRINT_STORE_URL), makes {@code calls} calls on {@code threads} threads, prints the statuses.
 */
public final class SharedWorker {
    private SharedWorker() {
    }

    public static void main(String[] args) throws Exception {
        String storeUrl = args[0];
        String integrations = args[1];
        int threads = Integer.parseInt(args[2]);
        int calls = Integer.parseInt(args[3]);
        try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of("BLUEPRINT_STORE_URL", storeUrl))
                .integrations("integrations.yaml", integrations).build()) {
            ApiClient client = engine.integration("acme").client("c1");
            ExecutorService pool = Executors.newFixedThreadPool(threads);
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
