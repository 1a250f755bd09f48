package dev.blueprint.internal.http;

import dev.blueprint.internal.ratelimit.Observation;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * What a request produced, passed back up the pipeline: the response or the failure, and what the stages learned
 * on the way. Each stage returns a changed copy; no stage reads another's fields.
 *
 * @param exchange    the request as it was sent (its method and URL name the call in errors)
 * @param response    the response, or null when the request failed
 * @param failure     why there is no response, or null
 * @param observation what the response said about the rate limit ({@link Observation#NONE} when not read)
 * @param waited      time the rate-limit gate held the request back before sending it
 * @param attempts    attempts the retry policy made (a 401's refresh-and-repeat is not one)
 */
public record Outcome<T>(Exchange exchange, HttpResponse<T> response, Throwable failure, Observation observation,
                         Duration waited, int attempts) {
    public Outcome {
        Objects.requireNonNull(exchange, "exchange");
        if ((response == null) == (failure == null)) {
            throw new IllegalArgumentException("an outcome has either a response or a failure");
        }
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(waited, "waited");
    }

    public static <T> Outcome<T> of(Exchange exchange, HttpResponse<T> response) {
        return new Outcome<>(exchange, response, null, Observation.NONE, Duration.ZERO, 1);
    }

    public static <T> Outcome<T> failed(Exchange exchange, Throwable failure) {
        return new Outcome<>(exchange, null, RetryDecisions.unwrap(failure), Observation.NONE, Duration.ZERO, 1);
    }

    public boolean failed() {
        return failure != null;
    }

    /** The response's status, or 0 without a response. */
    public int status() {
        return response == null ? 0 : response.statusCode();
    }

    /** The same request, failed instead: the response is released. */
    Outcome<T> failedWith(Throwable cause) {
        Bodies.discard(response);
        return new Outcome<>(exchange, null, cause, observation, waited, attempts);
    }

    Outcome<T> withObservation(Observation read) {
        return new Outcome<>(exchange, response, failure, read, waited, attempts);
    }

    Outcome<T> withWaited(Duration gateWait) {
        return new Outcome<>(exchange, response, failure, observation, gateWait, attempts);
    }

    Outcome<T> withAttempts(int count) {
        if (count == attempts) {
            return this;
        }
        return new Outcome<>(exchange, response, failure, observation, waited, count);
    }

    @Override
    public String toString() {
        return "Outcome[" + exchange + " " + (failed() ? failure.getClass().getSimpleName() : String.valueOf(status())) + "]";
    }
}
