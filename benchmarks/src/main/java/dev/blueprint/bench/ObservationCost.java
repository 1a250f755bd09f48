package dev.blueprint.bench;

import dev.blueprint.ApiClient;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.micrometer.MicrometerObserver;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An observed request against an unobserved one: two engines on the same canned in-memory HttpClient, one with a
 * {@link MicrometerObserver} recording into a {@link SimpleMeterRegistry}, in alternating rounds on one thread. The
 * in-memory client makes the observation's cost as visible as it can be; against a real API it is a smaller share.
 */
final class ObservationCost {
    record Result(double plainNanos, double observedNanos, List<Double> ratios) {
        double medianRatio() {
            List<Double> sorted = new ArrayList<>(ratios);
            Collections.sort(sorted);
            return sorted.get(sorted.size() / 2);
        }
    }

    private static final String YAML = """
            integrations:
              bench:
                auth: {mode: bearer}
                requests: {base_url: "https://api.example.com/v2", headers: {Accept: application/json}}
                rate_limit: {remaining: x-ratelimit-remaining, reset: {header: x-ratelimit-reset}}
            """;

    /** Against a local server on loopback: the cost as a share of a real (if very fast) request. */
    static Result againstServer(int iterations, int rounds) throws Exception {
        try (LocalServer server = new LocalServer(exchange -> LocalServer.respond(exchange, 200, "{\"data\":[]}"))) {
            return run(java.net.http.HttpClient.newBuilder().build(), YAML.replace("https://api.example.com/v2", server.baseUrl()),
                    iterations, rounds);
        }
    }

    static Result run(int iterations, int rounds) throws Exception {
        return run(new CannedHttpClient(), YAML, iterations, rounds);
    }

    private static Result run(java.net.http.HttpClient http, String yaml, int iterations, int rounds) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        try (BlueprintEngine plain = BlueprintEngine.builder().environment(Map.of()).httpClient(http).integrations("bench.yaml", yaml).build();
             BlueprintEngine observed = BlueprintEngine.builder().environment(Map.of()).httpClient(http).integrations("bench.yaml", yaml)
                     .observer(new MicrometerObserver(registry)).build()) {
            ApiClient plainClient = client(plain);
            ApiClient observedClient = client(observed);
            time(plainClient, iterations);
            time(observedClient, iterations);
            List<Double> ratios = new ArrayList<>();
            double plainTotal = 0;
            double observedTotal = 0;
            for (int round = 0; round < rounds; round++) {
                double p = time(plainClient, iterations);
                double o = time(observedClient, iterations);
                plainTotal += p;
                observedTotal += o;
                ratios.add(p / o); // throughput observed / plain = time plain / time observed
            }
            if (meters.find(MicrometerObserver.CALLS).timer() == null) {
                throw new IllegalStateException("the observed engine recorded nothing");
            }
            return new Result(plainTotal / rounds, observedTotal / rounds, ratios);
        }
    }

    private static ApiClient client(BlueprintEngine engine) {
        Integration bench = engine.integration("bench");
        bench.saveCredentials("c1", Credentials.bearer("bench-token"));
        return bench.client("c1");
    }

    private static double time(ApiClient client, int iterations) {
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            client.get("/prospects");
        }
        return (System.nanoTime() - start) / (double) iterations;
    }
}
