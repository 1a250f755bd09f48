package dev.blueprint.internal.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Sends the request with the engine's shared {@link HttpClient}; the last stage. */
final class SendStage implements Stage {
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;

    SendStage(HttpClient client) {
        this.client = client;
    }

    @Override
    public <T> CompletableFuture<Outcome<T>> handle(Call<T> call, Exchange exchange, Chain<T> next) {
        HttpRequest request = request(exchange);
        if (!call.blocking()) {
            return client.sendAsync(request, call.bodyHandler()).handle((response, failure) ->
                    failure != null ? Outcome.failed(exchange, failure) : Outcome.of(exchange, response));
        }
        try {
            return CompletableFuture.completedFuture(Outcome.of(exchange, client.send(request, call.bodyHandler())));
        } catch (IOException e) {
            return CompletableFuture.completedFuture(Outcome.failed(exchange, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(Outcome.failed(exchange, e));
        }
    }

    private static HttpRequest request(Exchange exchange) {
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
        return request.build();
    }
}
