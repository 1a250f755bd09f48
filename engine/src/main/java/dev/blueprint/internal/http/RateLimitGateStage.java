package dev.blueprint.internal.http;

import dev.blueprint.internal.ratelimit.RateLimitPolicy;
import dev.blueprint.observe.CallScope;
import dev.blueprint.observe.WaitScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Holds a request back while its connection is rate limited (remaining 0 until the reset, a throttling response's
 * wait, or the declared budget; at the start of a window that may already be full, until the next answer), without
 * blocking a thread. A wait longer than {@code rate_limit.max_wait} fails fast with the reset time instead. The time
 * waited goes back up in the outcome.
 */
final class RateLimitGateStage implements Stage {
    private final RateLimitPolicy policy;
    private final Clock clock;
    private final Waits waits;
    private final Calls calls;

    RateLimitGateStage(RateLimitPolicy policy, Clock clock, Waits waits, Calls calls) {
        this.policy = policy;
        this.clock = clock;
        this.waits = waits;
        this.calls = calls;
    }

    @Override
    public <T> CompletableFuture<Outcome<T>> handle(Call<T> call, Exchange exchange, Chain next) {
        if (exchange.crossOrigin()) {
            return next.proceed(call, exchange); // another host's limits are not the API's
        }
        return awaitSlot(call, exchange, Duration.ZERO).thenCompose(waited -> waited.failed()
                ? CompletableFuture.completedFuture(waited.refusal())
                : next.proceed(call, exchange).thenApply(outcome -> outcome.withWaited(waited.time())));
    }

    /** Time waited for a slot, or the refusal when the wait would exceed max_wait. */
    private record Waited<T>(Duration time, Outcome<T> refusal) {
        boolean failed() {
            return refusal != null;
        }
    }

    private <T> CompletableFuture<Waited<T>> awaitSlot(Call<T> call, Exchange exchange, Duration waited) {
        Instant now = clock.instant();
        var slot = call.limiter().acquire(now);
        if (slot.isLeft()) {
            return waits.awaitAnswer(call, slot.getLeft()).thenCompose(ignored -> awaitSlot(call, exchange, waited));
        }
        Duration wait = slot.get();
        if (wait.isZero()) {
            return CompletableFuture.completedFuture(new Waited<>(waited, null));
        }
        Duration total = waited.plus(wait);
        if (policy.tooLong(total)) {
            return CompletableFuture.completedFuture(new Waited<>(waited,
                    Outcome.failed(exchange, policy.exceeded(calls.context(call, exchange), now.plus(wait), total))));
        }
        WaitScope pacing = call.scope().waiting(CallScope.WaitKind.PACING, wait);
        return waits.pause(call, wait).thenCompose(ignored -> {
            pacing.done();
            return awaitSlot(call, exchange, total);
        });
    }
}
