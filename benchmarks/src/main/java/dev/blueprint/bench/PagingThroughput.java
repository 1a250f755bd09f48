package dev.blueprint.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blueprint.ApiClient;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Items per second paging through {@value #ITEMS} items, {@value #PAGE} to a page (cursor pagination), from a local
 * server: {@code client.items(path, Item.class)} against a hand-written loop with raw HttpClient and Jackson doing the
 * same requests and mapping, in alternating rounds.
 */
final class PagingThroughput {
    static final int ITEMS = 10_000;
    static final int PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Item(int id, String name, String email) {
    }

    record Result(double engineItemsPerSecond, double rawItemsPerSecond, List<Double> ratios) {
        double medianRatio() {
            List<Double> sorted = new ArrayList<>(ratios);
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2);
        }
    }

    static Result run(int rounds) throws Exception {
        List<String> pages = new ArrayList<>();
        for (int from = 0; from < ITEMS; from += PAGE) {
            StringBuilder body = new StringBuilder("{\"data\":[");
            for (int id = from; id < from + PAGE; id++) {
                body.append(id == from ? "" : ",").append("{\"id\":").append(id).append(",\"name\":\"Prospect ").append(id)
                        .append("\",\"email\":\"p").append(id).append("@example.com\"}");
            }
            String next = from + PAGE < ITEMS ? "\"" + (from + PAGE) + "\"" : "null";
            pages.add(body.append("],\"meta\":{\"next\":").append(next).append("}}").toString());
        }
        try (LocalServer server = new LocalServer(exchange -> {
                 String query = exchange.getRequestURI().getRawQuery();
                 int from = query != null && query.contains("cursor=") ? Integer.parseInt(query.replaceAll(".*cursor=(\\d+).*", "$1")) : 0;
                 LocalServer.respond(exchange, 200, pages.get(from / PAGE));
             });
             BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).integrations("bench.yaml", """
                     integrations:
                       bench:
                         auth: {mode: bearer}
                         requests: {base_url: "%s"}
                         pagination: {items: /data, page_size: {param: limit, value: %d}, cursor: {param: cursor, from: /meta/next}}
                     """.formatted(server.baseUrl(), PAGE)).build()) {
            Integration bench = engine.integration("bench");
            bench.saveCredentials("c1", Credentials.bearer("bench-token"));
            ApiClient client = bench.client("c1");
            HttpClient raw = HttpClient.newHttpClient();
            String base = server.baseUrl();
            viaEngine(client);
            viaRaw(raw, base);
            List<Double> ratios = new ArrayList<>();
            double engineTotal = 0;
            double rawTotal = 0;
            for (int round = 0; round < rounds; round++) {
                double e = viaEngine(client);
                double r = viaRaw(raw, base);
                engineTotal += e;
                rawTotal += r;
                ratios.add(e / r);
            }
            return new Result(engineTotal / rounds, rawTotal / rounds, ratios);
        }
    }

    /** Items per second through the engine. */
    private static double viaEngine(ApiClient client) {
        long start = System.nanoTime();
        long count = client.items("/prospects", Item.class).count();
        check(count);
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Items per second by hand: the loop an integrator would otherwise write. */
    private static double viaRaw(HttpClient http, String base) throws Exception {
        long start = System.nanoTime();
        long count = 0;
        String cursor = null;
        do {
            URI uri = URI.create(base + "/prospects?limit=" + PAGE + (cursor == null ? "" : "&cursor=" + cursor));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer bench-token").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode page = JSON.readTree(response.body());
            for (JsonNode item : page.path("data")) {
                JSON.treeToValue(item, Item.class);
                count++;
            }
            JsonNode next = page.path("meta").path("next");
            cursor = next.isTextual() ? next.asText() : null;
        } while (cursor != null);
        check(count);
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static void check(long count) {
        if (count != ITEMS) {
            throw new IllegalStateException("read " + count + " items, expected " + ITEMS);
        }
    }
}
