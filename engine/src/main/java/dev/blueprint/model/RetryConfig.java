package dev.blueprint.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * When and how failed attempts are retried.
 *
 * @param maxAttempts       attempts in total, the first included (default 3)
 * @param onStatus          statuses worth another attempt (default 502, 503, 504)
 * @param onTimeout         retry attempts that timed out (default true)
 * @param onConnectionError retry refused or reset connections (default true)
 * @param methods           methods that may be retried (default the idempotent ones)
 * @param backoff           delays between attempts
 * @param maxElapsed        give up after this long in total (default 2 minutes)
 */
public record RetryConfig(
        int maxAttempts,
        List<Integer> onStatus,
        boolean onTimeout,
        boolean onConnectionError,
        Set<String> methods,
        Backoff backoff,
        Duration maxElapsed) {

    public static final List<String> IDEMPOTENT_METHODS = List.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    public RetryConfig {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        onStatus = List.copyOf(onStatus);
        methods = Set.copyOf(methods);
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxElapsed, "maxElapsed");
    }

    /**
     * Exponential backoff with jitter.
     *
     * @param initial    the first delay (default 0.5 s)
     * @param max        the largest delay (default 30 s)
     * @param multiplier growth per attempt (default 2.0)
     * @param jitter     random spread as a fraction of the delay, 0..1 (default 0.2)
     */
    public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {
        public Backoff {
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(max, "max");
            if (multiplier < 1.0) {
                throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
            }
            if (jitter < 0 || jitter > 1) {
                throw new IllegalArgumentException("jitter must be within 0..1, got " + jitter);
            }
        }
    }
}
