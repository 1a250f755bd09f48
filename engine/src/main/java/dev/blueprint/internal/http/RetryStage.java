package dev.blueprint.internal.http;

import dev.blueprint.model.RetryConfig;
import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Repeats the stages after it under the blueprint's retry policy. Failsafe decides (attempts, which results
 * and failures are retryable, exponential backoff with jitter) through its standalone {@link Execution}; the
 * engine's scheduler does the waiting, so tests control time. Throttled attempts are retried without backoff
 * because the rate-limit gate already waits for the announced reset; {@code max_elapsed} is measured on the
 * engine's clock.
 */
final class RetryStage implements Stage {
    /** One immutable policy per HTTP method, built on first use. */
    private final Map<String, RetryPolicy<HttpResponse<?>>> policies = new ConcurrentHashMap<>();
    private final IntegrationRuntime runtime;

    RetryStage(IntegrationRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> handle(Call<T> call, Exchange exchange, Chain<T> next) {
        Execution<HttpResponse<?>> execution = Execution.of(policies.computeIfAbsent(exchange.method(), this::policy));
        CompletableFuture<HttpResponse<T>> outcome = new CompletableFuture<>();
        attempt(call, exchange, next, execution, outcome);
        return outcome;
    }

    private <T> void attempt(Call<T> call, Exchange exchange, Chain<T> next, Execution<HttpResponse<?>> execution,
                             CompletableFuture<HttpResponse<T>> outcome) {
        CompletableFuture<HttpResponse<T>> attempt;
        call.startRetryAttempt();
        try {
            attempt = next.proceed(exchange);
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenComplete((response, failure) -> {
            execution.record(response, failure);
            if (execution.isComplete() || outOfTime(call)) {
                if (failure != null) {
                    outcome.completeExceptionally(failure);
                } else {
                    outcome.complete(response);
                }
                return;
            }
            Bodies.discard(response);
            boolean throttledWithWait = call.lastObservation().throttled() && call.lastObservation().waitUntil().isPresent();
            call.pause(throttledWithWait ? Duration.ZERO : execution.getDelay())
                    .whenComplete((ignored, error) -> attempt(call, exchange, next, execution, outcome));
        });
    }

    private boolean outOfTime(Call<?> call) {
        Duration elapsed = Duration.between(call.started(), runtime.clock().instant());
        return elapsed.compareTo(runtime.config().blueprint().retry().maxElapsed()) >= 0;
    }

    private RetryPolicy<HttpResponse<?>> policy(String method) {
        RetryConfig retry = runtime.config().blueprint().retry();
        RetryPolicyBuilder<HttpResponse<?>> builder = RetryPolicy.<HttpResponse<?>>builder()
                .withMaxAttempts(retry.maxAttempts())
                .handleResultIf(response -> RetryDecisions.retryableResponse(runtime, method, response))
                .handleIf((response, failure) -> failure != null && RetryDecisions.retryableFailure(retry, method, failure));
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
}
