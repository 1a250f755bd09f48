package dev.blueprint.internal.http;

import dev.blueprint.model.RetryConfig;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * When an attempt is repeated and how long to wait first, from the blueprint's {@code retry} block: one definition
 * for API calls and token requests. Failsafe decides (attempts, which outcomes are retryable, exponential backoff with
 * jitter); {@link RetryDecisions} holds the reasons.
 */
public final class RetryRules {
    private final int maxAttempts;
    private final IntPredicate retryStatus;
    private final Set<String> methods; // empty: any method may repeat
    private final boolean onTimeout;
    private final boolean onConnectionError;
    private final RetryConfig.Backoff backoff;
    private final Duration maxElapsed;
    /** One immutable Failsafe policy per HTTP method, built on first use. */
    private final Map<String, RetryPolicy<Outcome<?>>> policies = new ConcurrentHashMap<>();

    private RetryRules(RetryConfig retry, IntPredicate retryStatus, Set<String> methods, boolean onTimeout, boolean onConnectionError) {
        this.maxAttempts = retry.maxAttempts();
        this.retryStatus = retryStatus;
        this.methods = Set.copyOf(methods);
        this.onTimeout = onTimeout;
        this.onConnectionError = onConnectionError;
        this.backoff = retry.backoff();
        this.maxElapsed = retry.maxElapsed();
    }

    /** API calls: the statuses and methods the blueprint lists, timeouts and connection errors as it says. */
    public static RetryRules forApi(RetryConfig retry) {
        return new RetryRules(retry, retry.onStatus()::contains, retry.methods(), retry.onTimeout(), retry.onConnectionError());
    }

    /**
     * Token requests: every 5xx, a 429, a timeout or a lost connection repeats, under the same attempts, backoff and
     * elapsed time. A token endpoint fails transiently like any API, and a refused grant (400) is final.
     */
    public static RetryRules forTokenRequests(RetryConfig retry) {
        return new RetryRules(retry, status -> status >= 500 || status == 429, Set.of(), true, true);
    }

    boolean retriesStatus(int status) {
        return retryStatus.test(status);
    }

    /** Whether {@code method} may be sent again after it may have reached the server. */
    boolean repeatable(String method) {
        return methods.isEmpty() || methods.contains(method);
    }

    boolean onTimeout() {
        return onTimeout;
    }

    boolean onConnectionError() {
        return onConnectionError;
    }

    Duration maxElapsed() {
        return maxElapsed;
    }

    RetryPolicy<Outcome<?>> policy(String method) {
        return policies.computeIfAbsent(method, this::build);
    }

    private RetryPolicy<Outcome<?>> build(String method) {
        RetryPolicyBuilder<Outcome<?>> builder = RetryPolicy.<Outcome<?>>builder()
                .withMaxAttempts(maxAttempts)
                .handleResultIf(outcome -> RetryDecisions.retryable(this, method, outcome));
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
