package dev.blueprint.observe;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How an attempt ended, as an {@link Interceptor} sees it.
 *
 * @param status   the response status, if one arrived
 * @param headers  the response headers (empty without a response)
 * @param duration from sending until the answer (or failure), on the engine's clock
 * @param failure  why no response arrived, if none did
 */
public record InterceptedResponse(OptionalInt status, HttpHeaders headers, Duration duration, Optional<Throwable> failure) {
    public InterceptedResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(failure, "failure");
    }
}
