package dev.blueprint.internal.ratelimit;

import dev.blueprint.spi.SharedRateLimits;
import java.time.Instant;

/**
 * The "send nothing before" instant of one limit key, shared with other instances. Reads are cached briefly
 * so a request does not cost a database round trip; a block another instance set shows within {@link #FRESH_NANOS}.
 */
public final class SharedBlock {
    static final long FRESH_NANOS = 200_000_000L;

    private final SharedRateLimits limits;
    private final String key;
    private Instant cached = Instant.MIN;
    private long readAt = Long.MIN_VALUE;

    public SharedBlock(SharedRateLimits limits, String key) {
        this.limits = limits;
        this.key = key;
    }

    /** The latest block any instance set, or {@link Instant#MIN}. */
    synchronized Instant until() {
        long now = System.nanoTime();
        if (readAt == Long.MIN_VALUE || now - readAt > FRESH_NANOS) {
            cached = limits.blockedUntil(key).orElse(Instant.MIN);
            readAt = now;
        }
        return cached;
    }

    /** Shares a block this instance learned of, unless a later one is already known. */
    synchronized void extend(Instant until) {
        if (until.isAfter(cached)) {
            limits.blockUntil(key, until);
            cached = until;
        }
    }
}
