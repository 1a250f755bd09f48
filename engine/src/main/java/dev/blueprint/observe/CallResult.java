package dev.blueprint.observe;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * How a call ended.
 *
 * @param status   the final response's status, if there was one
 * @param outcome  what it amounts to
 * @param attempts attempts made, the first included
 */
public record CallResult(OptionalInt status, Outcome outcome, int attempts) {
    public CallResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** What a call amounts to, bounded for metric tags. */
    public enum Outcome {
        SUCCESS, CLIENT_ERROR, SERVER_ERROR, RATE_LIMITED, TIMEOUT, CONNECTION_ERROR, CREDENTIALS, REFUSED, OTHER_FAILURE;

        /** The outcome of a response with {@code status}. */
        public static Outcome ofStatus(int status) {
            if (status == 429) {
                return RATE_LIMITED;
            }
            return status >= 500 ? SERVER_ERROR : status >= 400 ? CLIENT_ERROR : SUCCESS;
        }
    }

    /** {@code 2xx}, {@code 4xx}..., or {@code NONE} without a response. */
    public String statusClass() {
        return status.isPresent() ? (status.getAsInt() / 100) + "xx" : "NONE";
    }
}
