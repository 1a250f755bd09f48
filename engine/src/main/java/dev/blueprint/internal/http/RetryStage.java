package dev.blueprint.internal.http;

import dev.blueprint.model.RetryConfig;
import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Repeats the stages after it under the blueprint's retry policy, built on Failsafe: exponential backoff with
 * jitter, max attempts, and max elapsed time measured on the engine's clock. Throttled attempts are retried
 * without backoff because the rate-limit gate already waits for the announced reset.
 */
final class RetryStage implements Stage {
    @Override
    public <T> CompletableFuture<HttpResponse<T>> handle(Call<T> call, Exchange exchange, Chain<T> next) {
        // Failsafe decides (standalone Execution); the engine's scheduler waits, so tests control time.
        Execution<HttpResponse<T>> execution = Execution.of(policy(call, exchange.method()));
        CompletableFuture<HttpResponse<T>> outcome = new CompletableFuture<>();
        attempt(call, exchange, next, execution, outcome);
        return outcome;
    }

    private static <T> void attempt(Call<T> call, Exchange exchange, Chain<T> next, Execution<HttpResponse<T>> execution,
                                    CompletableFuture<HttpResponse<T>> outcome) {
        CompletableFuture<HttpResponse<T>> attempt;
        try {
            attempt = next.proceed(exchange);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete((response, failure) -> {
            execution.record(response, failure);
            if (execution.isComplete()) {
                if (failure != null) {
                    outcome.completeExceptionally(failure);
                } else {
                    outcome.complete(response);
                }
                return;
            }
            Bodies.discard(response);
            call.pause(execution.getDelay())
                    .whenComplete((ignored, error) -> attempt(call, exchange, next, execution, outcome));
        });
    }

    private static <T> RetryPolicy<HttpResponse<T>> policy(Call<T> call, String method) {
        RetryConfig retry = call.runtime().config().blueprint().retry();
        RetryPolicyBuilder<HttpResponse<T>> builder = RetryPolicy.<HttpResponse<T>>builder()
                .withMaxAttempts(retry.maxAttempts())
                .handleResultIf(response -> RetryDecisions.retryableResponse(call, method, response))
                .handleIf((response, failure) -> failure != null && RetryDecisions.retryableFailure(retry, method, failure))
                .abortIf((response, failure) -> elapsed(call).compareTo(retry.maxElapsed()) >= 0)
                .withDelayFn(context -> call.lastObservation().throttled() && call.lastObservation().waitUntil().isPresent()
                        ? Duration.ZERO
                        : Duration.ofMillis(-1)); // negative: use the backoff below
        RetryConfig.Backoff backoff = retry.backoff();
        if (backoff.initial().compareTo(backoff.max()) < 0 && !backoff.initial().isZero()) {
            builder.withBackoff(backoff.initial(), backoff.max(), backoff.multiplier());
        } else {
            builder.withDelay(backoff.initial());
        }
        if (backoff.jitter() > 0 && !backoff.initial().isZero()) {
            builder.withJitter(backoff.jitter());
        }
        return builder.build();
    }

    private static Duration elapsed(Call<?> call) {
        return Duration.between(call.started(), call.runtime().clock().instant());
    }
}
