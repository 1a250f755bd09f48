package dev.blueprint.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The API server of {@link RemoteOverhead}, in its own JVM (pinned to its own core where {@code taskset} exists): a small
 * JSON answer with the rate-limit headers a real API sends, never throttling, and a token endpoint at
 * {@code /oauth/token} that hands out an hour-long token. Prints its port, then serves until killed.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        // A deep backlog: the thread-count run opens 10,000 connections at once.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16_384);
        byte[] token = "{\"access_token\":\"bench-access\",\"token_type\":\"Bearer\",\"expires_in\":3600}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/oauth/token", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, token.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(token);
                }
            }
        });
        byte[] body = "{\"data\":[{\"id\":1,\"type\":\"prospect\"}],\"meta\":{\"count\":1}}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("X-RateLimit-Limit", "1000000");
                exchange.getResponseHeaders().set("X-RateLimit-Remaining", "999999");
                exchange.getResponseHeaders().set("X-RateLimit-Reset", "1893456000");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        System.out.println("port=" + server.getAddress().getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
