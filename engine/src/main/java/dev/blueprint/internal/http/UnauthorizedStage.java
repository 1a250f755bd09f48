package dev.blueprint.internal.http;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Reactive refresh: when an OAuth request gets 401, the token it sent is refreshed and the request repeated,
 * at most once per call, so a grant that keeps failing surfaces instead of looping.
 */
final class UnauthorizedStage implements Stage {
    @Override
    public <T> CompletableFuture<HttpResponse<T>> handle(Call<T> call, Exchange exchange, Chain<T> next) {
        if (call.runtime().tokens().isEmpty() || call.crossOrigin(exchange.uri())) {
            return next.proceed(exchange);
        }
        return next.proceed(exchange).thenCompose(response -> {
            if (response.statusCode() != 401 || call.rejectedToken() != null || call.usedToken() == null) {
                return CompletableFuture.completedFuture(response);
            }
            Bodies.discard(response);
            call.rejectedToken(call.usedToken());
            return next.proceed(exchange);
        });
    }
}
