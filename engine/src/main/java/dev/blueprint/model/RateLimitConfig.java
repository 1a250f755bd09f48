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
 * @param remainingFormat how the {@code remaining} header counts: requests left, or {@code used/limit}
 * @param body        a throttling signal in the response body (GraphQL APIs), if the API sends one
 */
public record RateLimitConfig(
        List<Integer> statuses,
        List<String> retryAfter,
        Optional<ResetHeader> reset,
        Optional<String> remaining,
        Optional<String> limit,
        boolean ietfHeaders,
        Duration maxWait,
        Optional<Budget> budget,
        RemainingFormat remainingFormat,
        Optional<BodySignal> body) {

    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMinutes(2);

    /** Without a body signal, remaining counted as requests left. */
    public RateLimitConfig(List<Integer> statuses, List<String> retryAfter, Optional<ResetHeader> reset, Optional<String> remaining,
                           Optional<String> limit, boolean ietfHeaders, Duration maxWait, Optional<Budget> budget) {
        this(statuses, retryAfter, reset, remaining, limit, ietfHeaders, maxWait, budget, RemainingFormat.COUNT, Optional.empty());
    }

    public RateLimitConfig {
        statuses = List.copyOf(statuses);
        retryAfter = List.copyOf(retryAfter);
        Objects.requireNonNull(reset, "reset");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(remainingFormat, "remainingFormat");
        Objects.requireNonNull(body, "body");
    }

    /** How the {@code remaining} header counts. */
    public enum RemainingFormat {
        /** Requests left in the window ({@code 42}). */
        COUNT,
        /** Requests used and the limit, {@code used/limit} (Shopify's {@code X-Shopify-Shop-Api-Call-Limit: 39/40}). */
        USED_OF_LIMIT
    }

    /**
     * Throttling said in the body, as GraphQL APIs do (Linear: 400 with {@code RATELIMITED}; Shopify: {@code THROTTLED}).
     *
     * @param statuses    statuses whose JSON body is looked at
     * @param pointer     a JSON pointer (RFC 6901) to the value that says so, e.g. {@code /errors/0/extensions/code}
     * @param values      the values that mean "throttled"
     * @param waitPointer where the body says how long to wait, if it does
     * @param waitFormat  how that value reads (seconds from now, epoch seconds or millis...)
     */
    public record BodySignal(List<Integer> statuses, String pointer, List<String> values, Optional<String> waitPointer,
                             ResetFormat waitFormat) {
        public BodySignal {
            statuses = List.copyOf(statuses);
            Objects.requireNonNull(pointer, "pointer");
            values = List.copyOf(values);
            Objects.requireNonNull(waitPointer, "waitPointer");
            Objects.requireNonNull(waitFormat, "waitFormat");
        }
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
