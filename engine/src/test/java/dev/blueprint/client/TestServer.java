package dev.blueprint.client;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.Integration;
import dev.blueprint.testing.VirtualTime;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import mockwebserver3.MockWebServer;

/** A MockWebServer on loopback plus an engine whose inline integration points at it. */
final class TestServer implements AutoCloseable {
    final MockWebServer server = new MockWebServer();
    final VirtualTime time = new VirtualTime();

    TestServer() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/api";
    }

    /** An engine with integration {@code acme} of the given auth and extra YAML (indented under the integration). */
    /** Lines added under rate_limit (indented six spaces). */
    String rateLimitExtra = "";

    BlueprintEngine engine(String auth, String extra) {
        String yaml = "integrations:\n  acme:\n"
                + "    oauth_client_secret: client-secret-canary-0001\n"
                + "    auth: " + auth + "\n"
                + "    requests:\n      base_url: \"" + baseUrl() + "\"\n      headers: {Accept: application/json}\n      timeout: PT1S\n"
                + "    rate_limit:\n      statuses: [429, 403]\n      retry_after: [retry-after]\n"
                + "      reset: {header: x-ratelimit-reset, format: auto}\n      remaining: x-ratelimit-remaining\n" + rateLimitExtra
                + "    retry: {max_attempts: 3, backoff: {initial: PT1S, max: PT8S, multiplier: 2.0, jitter: 0.2}}\n"
                + extra;
        return BlueprintEngine.builder().environment(Map.of()).integrations("integrations.yaml", yaml)
                .clock(time).scheduler(time).build();
    }

    Integration acme(String auth, String extra) {
        return engine(auth, extra).integration("acme");
    }

    @Override
    public void close() {
        server.close();
    }
}
