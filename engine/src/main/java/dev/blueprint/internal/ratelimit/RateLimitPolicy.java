package dev.blueprint.internal.ratelimit;

import dev.blueprint.RateLimitExceededException;
import dev.blueprint.RequestContext;
import dev.blueprint.model.RateLimitConfig;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that answers an integration's rate-limit questions: is this response throttling (read once per
 * response), how long does it ask to wait, and is a wait too long ({@code rate_limit.max_wait}).
 */
public final class RateLimitPolicy {
    private static final Logger LOG = LoggerFactory.getLogger("dev.blueprint.ratelimit");
    private final RateLimitReader reader;
    private final Duration maxWait;

    public RateLimitPolicy(RateLimitConfig config) {
        this(config, Set.of());
    }

    /** @param retriedStatuses statuses the retry policy repeats: a {@code Retry-After} on them is waited for too */
    public RateLimitPolicy(RateLimitConfig config, Set<Integer> retriedStatuses) {
        this.reader = new RateLimitReader(config, retriedStatuses);
        this.maxWait = config.maxWait();
    }

    /**
     * Everything a response says about the rate limit, the throttling verdict included. Headers are the provider's
     * words: a value the reader cannot make sense of is ignored (logged at DEBUG), and a response is never turned
     * into a failure by its headers.
     */
    public Observation read(int status, HttpHeaders headers, Object body, Instant now) {
        try {
            return reader.read(status, headers, body, now);
        } catch (RuntimeException e) {
            LOG.debug("rate-limit headers of a {} response ignored: {}", status, e.getClass().getSimpleName());
            return Observation.NONE;
        }
    }

    /** The wait a response asks for (a throttling one, or a retried status with Retry-After), from {@code now}. */
    public Optional<Duration> requestedWait(Observation observation, Instant now) {
        return observation.waitUntil().map(until -> Duration.between(now, until));
    }

    /** Whether waiting {@code total} is beyond {@code max_wait}: the engine then fails fast instead. */
    public boolean tooLong(Duration total) {
        return total.compareTo(maxWait) > 0;
    }

    /** The error for a wait beyond {@code max_wait}, which says when to come back. */
    public RateLimitExceededException exceeded(RequestContext context, Instant resetAt, Duration wait) {
        return new RateLimitExceededException(context, resetAt, wait, maxWait);
    }

    @Override
    public String toString() {
        return "RateLimitPolicy[maxWait=" + maxWait + "]";
    }
}
