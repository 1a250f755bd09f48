package dev.blueprint.internal.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Sends the attempt with the engine's shared {@link HttpClient}; the last stage. */
final class SendStage implements Stage {
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;

    SendStage(HttpClient client) {
        this.client = client;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> handle(Call<T> call, Exchange exchange, Chain<T> next) {
        HttpRequest.Builder request = HttpRequest.newBuilder(exchange.uri()).timeout(exchange.timeout());
        if (exchange.body() != null) {
            request.method(exchange.method(), HttpRequest.BodyPublishers.ofByteArray(exchange.body()));
        } else if (exchange.method().equals("GET")) {
            request.GET(); // no body publisher at all: no "Content-Length: 0" on a GET
        } else if (exchange.method().equals("DELETE")) {
            request.DELETE();
        } else {
            request.method(exchange.method(), HttpRequest.BodyPublishers.noBody());
        }
        for (Map.Entry<String, String> header : exchange.headers()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                request.header(header.getKey(), header.getValue());
            }
        }
        if (!call.blocking()) {
            return client.sendAsync(request.build(), call.bodyHandler());
        }
        try {
            return CompletableFuture.completedFuture(client.send(request.build(), call.bodyHandler()));
        } catch (java.io.IOException e) {
            return CompletableFuture.failedFuture(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }
}
