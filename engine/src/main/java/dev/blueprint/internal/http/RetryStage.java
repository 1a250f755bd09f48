package dev.blueprint.internal.http;

import dev.blueprint.observe.CallScope;
import dev.blueprint.observe.WaitScope;
import dev.failsafe.Execution;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Repeats the stages after it under the retry rules. Failsafe's standalone {@link Execution} decides from each
 * attempt's outcome; the engine's scheduler does the waiting, so tests control time. An outcome that announced its wait
 * (a throttling answer, a 503 with Retry-After) is retried without backoff because the rate-limit gate already waits
 * for it; {@code max_elapsed} is
 * measured on the engine's clock.
 */
final class RetryStage implements Stage {
    private final RetryRules rules;
    private final Clock clock;
    private final Waits waits;

    RetryStage(RetryRules rules, Clock clock, Waits waits) {
        this.rules = rules;
        this.clock = clock;
        this.waits = waits;
    }

    @Override
    public <T> CompletableFuture<Outcome<T>> handle(Call<T> call, Exchange exchange, Chain next) {
        CompletableFuture<Outcome<T>> result = new CompletableFuture<>();
        attempt(call, exchange, next, null, 1, result);
        return result;
    }

    /** @param execution Failsafe's record of this call, made when the first outcome is one it would repeat; else null */
    private <T> void attempt(Call<T> call, Exchange exchange, Chain next, Execution<Outcome<?>> execution, int number,
                             CompletableFuture<Outcome<T>> result) {
        Exchange attempt = exchange.withAttempt(number);
        CompletableFuture<Outcome<T>> sent;
        try {
            sent = next.proceed(call, attempt);
        } catch (RuntimeException e) {
            sent = CompletableFuture.completedFuture(Outcome.failed(attempt, e));
        }
        sent.whenComplete((outcome, broken) -> {
            if (broken != null) {
                result.completeExceptionally(broken); // only a broken stage contract gets here
                return;
            }
            // Most calls succeed at once: Failsafe is asked only once an outcome is one it would repeat.
            if (execution == null && !RetryDecisions.retryable(rules, exchange.method(), outcome)) {
                result.complete(outcome.withAttempts(number));
                return;
            }
            Execution<Outcome<?>> run = execution != null ? execution : Execution.of(rules.policy(exchange.method()));
            run.record(outcome, null);
            if (run.isComplete() || outOfTime(call)) {
                result.complete(outcome.withAttempts(number));
                return;
            }
            Bodies.discard(outcome.response());
            // An announced wait (a throttling answer, or Retry-After on a retried status): the gate waits for it.
            boolean announcedWait = outcome.observation().waitUntil().isPresent();
            Duration delay = announcedWait ? Duration.ZERO : run.getDelay();
            call.scope().retrying(number, CallResults.retryReason(outcome), delay);
            WaitScope backoff = delay.isZero() ? WaitScope.NONE : call.scope().waiting(CallScope.WaitKind.BACKOFF, delay);
            waits.pause(call, delay).whenComplete((ignored, error) -> {
                backoff.done();
                attempt(call, exchange, next, run, number + 1, result);
            });
        });
    }

    private boolean outOfTime(Call<?> call) {
        return Duration.between(call.started(), clock.instant()).compareTo(rules.maxElapsed()) >= 0;
    }
}
