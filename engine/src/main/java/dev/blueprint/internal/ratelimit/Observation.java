package dev.blueprint.internal.ratelimit;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one response said about the rate limit.
 *
 * @param throttled whether the response is a throttling response (429; 403 only with remaining 0)
 * @param remaining requests left in the window, if announced
 * @param resetAt   when the window resets, if announced
 * @param waitUntil for a throttled response, the latest instant any signal asks to wait for (longest wait wins)
 */
public record Observation(boolean throttled, OptionalLong remaining, Optional<Instant> resetAt, Optional<Instant> waitUntil) {
    public static final Observation NONE = new Observation(false, OptionalLong.empty(), Optional.empty(), Optional.empty());

    /** Whether the window is used up: remaining 0 announced. */
    public boolean exhausted() {
        return remaining.isPresent() && remaining.getAsLong() <= 0;
    }
}
