package dev.blueprint.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Rate-limit state shared by every instance of a service, so several processes behave as one client: the
 * declared {@code rate_limit.budget} and the "remaining 0 until the reset" a provider announced. Keys name an
 * integration, or an integration's connection for per-connection limits. Implementations must be thread-safe.
 */
public interface SharedRateLimits {
    /**
     * Takes one request from the budget {@code key} of {@code requests} per {@code period} (fixed windows on the
     * epoch, the way providers count).
     *
     * @return zero when the request may go (the slot is taken), else how long until one may
     */
    Duration reserve(String key, int requests, Duration period);

    /** Tells every instance that {@code key} may send nothing before {@code until}. A later block wins. */
    void blockUntil(String key, Instant until);

    /** The block on {@code key}, if one was ever set (it may lie in the past). */
    Optional<Instant> blockedUntil(String key);
}
