package dev.blueprint.internal.ratelimit;

import dev.blueprint.spi.SharedRateLimits;
import java.time.Duration;
import java.time.Instant;

/** A budget kept in {@link SharedRateLimits}, so all instances draw from one. The shared store keeps the time. */
public final class SharedBudget implements RequestBudget {
    private final SharedRateLimits limits;
    private final String key;
    private final int requests;
    private final Duration period;

    public SharedBudget(SharedRateLimits limits, String key, int requests, Duration period) {
        this.limits = limits;
        this.key = key;
        this.requests = requests;
        this.period = period;
    }

    @Override
    public Duration reserve(Instant now) {
        return limits.reserve(key, requests, period);
    }
}
