package dev.blueprint;

import java.time.Duration;
import java.time.Instant;

/**
 * The API is rate limited for longer than the blueprint's {@code rate_limit.max_wait}; the engine fails fast
 * instead of sleeping. Retry at {@link #resetAt()}.
 */
public class RateLimitExceededException extends BlueprintException {
    private final transient RequestContext context;
    private final Instant resetAt;
    private final Duration wait;

    public RateLimitExceededException(RequestContext context, Instant resetAt, Duration wait, Duration maxWait) {
        super("rate_limited", context + " is rate limited until " + resetAt + " (wait " + wait
                + " exceeds max_wait " + maxWait + ")");
        this.context = context;
        this.resetAt = resetAt;
        this.wait = wait;
    }

    public RequestContext context() {
        return context;
    }

    /** When the rate limit resets. */
    public Instant resetAt() {
        return resetAt;
    }

    /** How long the caller would have had to wait. */
    public Duration waitTime() {
        return wait;
    }
}
