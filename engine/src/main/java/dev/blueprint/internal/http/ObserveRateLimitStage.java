package dev.blueprint.internal.http;

import dev.blueprint.internal.ratelimit.Observation;
import dev.blueprint.internal.ratelimit.RateLimitPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Reads every response's rate-limit headers once, into the connection's limiter (so later requests pace
 * themselves) and into the outcome (so the retry stage knows a throttling answer). A throttling response that asks
 * for a wait beyond max_wait becomes a fast failure with the reset time.
 */
final class ObserveRateLimitStage implements Stage {
    private final RateLimitPolicy policy;
    private final Clock clock;
    private final Calls calls;

    ObserveRateLimitStage(RateLimitPolicy policy, Clock clock, Calls calls) {
        this.policy = policy;
        this.clock = clock;
        this.calls = calls;
    }

    @Override
    public <T> CompletableFuture<Outcome<T>> handle(Call<T> call, Exchange exchange, Chain next) {
        if (exchange.crossOrigin()) {
            return next.proceed(call, exchange); // the gate reserved nothing for it either
        }
        return next.proceed(call, exchange).thenApply(outcome -> {
            if (outcome.failed()) {
                call.limiter().abandon();
                return outcome;
            }
            Instant now = clock.instant();
            Observation observation = policy.read(outcome.status(), outcome.response().headers(), outcome.response().body(), now);
            call.limiter().observe(observation, now);
            Outcome<T> observed = outcome.withObservation(observation);
            return policy.requestedWait(observation, now).filter(policy::tooLong)
                    .map(wait -> observed.failedWith(policy.exceeded(calls.context(call, exchange), observation.waitUntil().get(), wait)))
                    .orElse(observed);
        });
    }
}
