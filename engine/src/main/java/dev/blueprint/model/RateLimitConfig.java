package dev.blueprint.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the API signals rate limits. Header names are matched case-insensitively and stored lowercase.
 *
 * @param statuses    throttling statuses (default 429); 403 counts only together with remaining 0
 * @param retryAfter  headers holding delay-seconds, decimal seconds or an HTTP-date (default retry-after)
 * @param reset       the header telling when the window resets, and its format
 * @param remaining   the header counting requests left in the window
 * @param limit       the header with the window's size
 * @param ietfHeaders read the IETF {@code RateLimit} field ({@code r}, {@code t}) and the older
 *                    {@code RateLimit-Remaining} / {@code RateLimit-Reset} (default true); {@code RateLimit-Policy} is not needed
 * @param maxWait     longer waits fail fast with the reset time instead of sleeping (default 2 minutes)
 * @param budget      a declared request budget to pace by, if any
 */
public record RateLimitConfig(
        List<Integer> statuses,
        List<String> retryAfter,
        Optional<ResetHeader> reset,
        Optional<String> remaining,
        Optional<String> limit,
        boolean ietfHeaders,
        Duration maxWait,
        Optional<Budget> budget) {

    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(2);

    public RateLimitConfig {
        statuses = List.copyOf(statuses);
        retryAfter = List.copyOf(retryAfter);
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(budget, "budget");
    }

    /** The reset header and how to read it. */
    public record ResetHeader(String header, ResetFormat format) {
        public ResetHeader {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(format, "format");
        }
    }

    /** A declared budget: at most {@code requests} per {@code per}, counted per connection or per integration. */
    public record Budget(int requests, Duration per, Scope scope) {
        /** What shares one budget. */
        public enum Scope { CONNECTION, INTEGRATION }

        public Budget {
            if (requests < 1) {
                throw new IllegalArgumentException("budget requests must be at least 1, got " + requests);
            }
            Objects.requireNonNull(per, "per");
            Objects.requireNonNull(scope, "scope");
        }
    }
}
