package dev.blueprint.internal.http;

import dev.blueprint.RateLimitExceededException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Holds a request back while its connection is rate limited (remaining 0 until the reset, a throttling
 * response's wait, or the declared budget; at the start of a window that may already be full, until the
 * next answer), without blocking a thread. A wait longer than
 * {@code rate_limit.max_wait} fails fast with the reset time instead.
 */
final class RateLimitGateStage implements Stage {
    @Override
    public <T> CompletableFuture<HttpResponse<T>> handle(Call<T> call, Exchange exchange, Chain<T> next) {
        if (call.crossOrigin(exchange.uri())) {
            return next.proceed(exchange); // another host's limits are not the API's
        }
        return awaitSlot(call, Duration.ZERO).thenCompose(ignored -> next.proceed(exchange));
    }

    private static CompletableFuture<Void> awaitSlot(Call<?> call, Duration waited) {
        Instant now = call.runtime().clock().instant();
        var slot = call.limiter().acquire(now);
        if (slot.isLeft()) {
            return call.awaitAnswer(slot.getLeft()).thenCompose(ignored -> awaitSlot(call, waited));
        }
        Duration wait = slot.get();
        if (wait.isZero()) {
            call.lastWait(waited);
            return CompletableFuture.completedFuture(null);
        }
        Duration maxWait = call.runtime().config().blueprint().rateLimit().maxWait();
        if (waited.plus(wait).compareTo(maxWait) > 0) {
            return CompletableFuture.failedFuture(new RateLimitExceededException(call.context(), now.plus(wait), waited.plus(wait), maxWait));
        }
        return call.pause(wait).thenCompose(ignored -> awaitSlot(call, waited.plus(wait)));
    }
}
