package dev.blueprint.bench;

import com.sun.net.httpserver.HttpExchange;
import dev.blueprint.ApiClient;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 2: how much of a rate budget a client uses, and how many 429s it provokes. A local server allows
 * N requests per fixed window, announces X-RateLimit-Remaining/Reset (epoch millis) and answers 429 with
 * Retry-After beyond. 8 threads send a fixed number of requests through the engine, then through a naive
 * client that only sleeps after a 429, in the same run.
 */
final class BudgetBenchmark {
    /**
     * @param acceptedPerWindow requests the server accepted in each window the client sent in, in order
     */
    record Result(String client, int succeeded, long throttled, double seconds, int perWindow, List<Integer> acceptedPerWindow) {
        /**
         * Accepted requests over the budget, in every window but the last (where the client ran out of work, not
         * of budget).
         */
        double budgetUse() {
            List<Integer> full = acceptedPerWindow.subList(0, Math.max(1, acceptedPerWindow.size() - 1));
            return full.stream().mapToInt(Integer::intValue).sum() / (double) (perWindow * full.size());
        }

        int windowsUsed() {
            return acceptedPerWindow.size();
        }
    }

    /** Fixed windows from the server's start; counts every request, throttled ones included. */
    private static final class WindowedLimit {
        private final int perWindow;
        private final long windowMillis;
        private final long origin = System.currentTimeMillis();
        private long window = -1;
        private long firstWindow = -1;
        private int used;
        final AtomicLong throttled = new AtomicLong();
        final java.util.Map<Long, Integer> acceptedPerWindow = new java.util.TreeMap<>();

        WindowedLimit(int perWindow, Duration window) {
            this.perWindow = perWindow;
            this.windowMillis = window.toMillis();
        }

        synchronized List<Integer> accepted() {
            List<Integer> counts = new java.util.ArrayList<>();
            for (long w = firstWindow; w <= window; w++) {
                counts.add(acceptedPerWindow.getOrDefault(w, 0));
            }
            return counts;
        }

        void handle(HttpExchange exchange) {
            long now = System.currentTimeMillis();
            int remaining;
            long reset;
            synchronized (this) {
                long current = (now - origin) / windowMillis;
                if (current != window) {
                    window = current;
                    used = 0;
                }
                if (firstWindow < 0) {
                    firstWindow = current;
                }
                used++;
                remaining = perWindow - used;
                if (remaining >= 0) {
                    acceptedPerWindow.merge(current, 1, Integer::sum);
                }
                reset = origin + (current + 1) * windowMillis;
            }
            exchange.getResponseHeaders().set("X-RateLimit-Limit", Integer.toString(perWindow));
            exchange.getResponseHeaders().set("X-RateLimit-Reset", Long.toString(reset));
            if (remaining < 0) {
                throttled.incrementAndGet();
                exchange.getResponseHeaders().set("X-RateLimit-Remaining", "0");
                exchange.getResponseHeaders().set("Retry-After", String.format("%.3f", (reset - now) / 1000.0));
                LocalServer.respond(exchange, 429, "{\"error\":\"rate limited\"}");
            } else {
                exchange.getResponseHeaders().set("X-RateLimit-Remaining", Integer.toString(remaining));
                LocalServer.respond(exchange, 200, "{}");
            }
        }
    }

    interface Sender {
        void send() throws Exception;
    }

    static Result engine(int threads, int requests, int perWindow, Duration window) throws Exception {
        WindowedLimit limit = new WindowedLimit(perWindow, window);
        try (LocalServer server = new LocalServer(limit::handle);
             BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).integrations("bench.yaml", """
                     integrations:
                       bench:
                         auth: {mode: bearer}
                         requests: {base_url: "%s"}
                         rate_limit:
                           statuses: [429]
                           retry_after: [retry-after]
                           reset: {header: x-ratelimit-reset, format: epoch_millis}
                           remaining: x-ratelimit-remaining
                           max_wait: PT30S
                         retry: {max_attempts: 10}
                     """.formatted(server.baseUrl())).build()) {
            Integration bench = engine.integration("bench");
            bench.saveCredentials("c1", Credentials.bearer("bench-token"));
            ApiClient client = bench.client("c1");
            return drive("engine (ApiClient)", threads, requests, limit, perWindow, window, () -> client.get("/items"));
        }
    }

    static Result naive(int threads, int requests, int perWindow, Duration window) throws Exception {
        WindowedLimit limit = new WindowedLimit(perWindow, window);
        try (LocalServer server = new LocalServer(limit::handle)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/items")).GET().build();
            return drive("naive retry-on-429", threads, requests, limit, perWindow, window, () -> {
                while (true) {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 429) {
                        return;
                    }
                    double seconds = Double.parseDouble(response.headers().firstValue("retry-after").orElse("1"));
                    Thread.sleep((long) Math.ceil(seconds * 1000));
                }
            });
        }
    }

    private static Result drive(String name, int threads, int requests, WindowedLimit limit, int perWindow, Duration window,
                                Sender sender) throws Exception {
        AtomicInteger left = new AtomicInteger(requests);
        AtomicInteger succeeded = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    try {
                        sender.send();
                        succeeded.incrementAndGet();
                    } catch (Exception e) {
                        System.err.println(name + ": " + e.getMessage());
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(name + " did not finish");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(name, succeeded.get(), limit.throttled.get(), seconds, perWindow, limit.accepted());
    }
}
