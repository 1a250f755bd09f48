package dev.blueprint.internal.http;

import dev.blueprint.RateLimitExceededException;
import dev.blueprint.internal.ratelimit.Observation;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Feeds every response's rate-limit headers to the connection's limiter, so later requests pace themselves.
 * A throttling response that asks for a wait beyond max_wait fails fast with the reset time.
 */
final class ObserveRateLimitStage implements Stage {
    @Override
    public <T> CompletableFuture<HttpResponse<T>> handle(Call<T> call, Exchange exchange, Chain<T> next) {
        if (call.crossOrigin(exchange.uri())) {
            return next.proceed(exchange); // the gate reserved nothing for it either
        }
        return next.proceed(exchange).handle((response, failure) -> {
            if (failure != null) {
                call.limiter().abandon();
                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            }
            Instant now = call.runtime().clock().instant();
            Observation observation = call.runtime().rateLimitReader().read(response.statusCode(), response.headers(), now);
            call.limiter().observe(observation, now);
            call.lastObservation(observation);
            Duration maxWait = call.runtime().config().blueprint().rateLimit().maxWait();
            if (observation.throttled() && observation.waitUntil().isPresent()) {
                Duration wait = Duration.between(now, observation.waitUntil().get());
                if (wait.compareTo(maxWait) > 0) {
                    Bodies.discard(response);
                    throw new CompletionException(new RateLimitExceededException(call.context(), observation.waitUntil().get(), wait, maxWait));
                }
            }
            return response;
        });
    }
}
