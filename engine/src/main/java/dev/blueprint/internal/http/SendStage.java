package dev.blueprint.internal.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Sends the request with the engine's shared {@link HttpClient}; the last stage. */
final class SendStage implements Stage {
    /** Headers java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final Supplier<HttpClient> client;

    SendStage(Supplier<HttpClient> client) {
        this.client = client;
    }

    @Override
    public <T> CompletableFuture<Outcome<T>> handle(Call<T> call, Exchange exchange, Chain next) {
        HttpRequest request = request(exchange);
        // One deadline for the whole exchange: the client's timeout covers the headers, the bounded body the rest.
        long deadline = System.nanoTime() + exchange.timeout().toNanos();
        HttpResponse.BodyHandler<T> handler = call.maxBodyBytes().isPresent()
                ? BoundedBody.handler(call.bodyHandler(), call.maxBodyBytes().getAsLong(), deadline)
                : call.bodyHandler();
        if (!call.blocking()) {
            return client.get().sendAsync(request, handler).handle((response, failure) ->
                    failure != null ? Outcome.failed(exchange, ownFailure(failure)) : Outcome.of(exchange, response));
        }
        try {
            return CompletableFuture.completedFuture(Outcome.of(exchange, client.get().send(request, handler)));
        } catch (IOException e) {
            return CompletableFuture.completedFuture(Outcome.failed(exchange, ownFailure(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(Outcome.failed(exchange, e));
        }
    }

    /** The body's own refusal, which the HTTP client wraps in a plain IOException on the blocking path. */
    private static Throwable ownFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BoundedBody.TooLarge tooLarge) {
                return tooLarge;
            }
        }
        return failure;
    }

    /** Whether java.net.http refuses the header from callers, compared without allocating a lower-case copy. */
    private static boolean restricted(String name) {
        for (String refused : RESTRICTED) {
            if (refused.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
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
            if (!restricted(header.getKey())) {
                request.header(header.getKey(), header.getValue());
            }
        }
        return request.build();
    }
}
