package dev.blueprint.internal.http;

import dev.blueprint.MissingCredentialsException;
import dev.blueprint.OAuthException;
import dev.blueprint.RateLimitExceededException;
import dev.blueprint.ReauthorizationRequiredException;
import dev.blueprint.observe.CallResult;
import dev.blueprint.observe.CallScope;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.OptionalInt;

/** Outcomes in the bounded words observers get: what a call amounts to, why an attempt is repeated. */
final class CallResults {
    private CallResults() {
    }

    static CallResult of(Outcome<?> outcome) {
        if (!outcome.failed()) {
            int status = outcome.status();
            CallResult.Outcome kind = outcome.observation().throttled() ? CallResult.Outcome.RATE_LIMITED : CallResult.Outcome.ofStatus(status);
            return new CallResult(OptionalInt.of(status), kind, outcome.attempts());
        }
        return new CallResult(OptionalInt.empty(), failure(outcome.failure()), outcome.attempts());
    }

    private static CallResult.Outcome failure(Throwable failure) {
        if (failure instanceof RateLimitExceededException) {
            return CallResult.Outcome.RATE_LIMITED;
        }
        if (failure instanceof HttpTimeoutException) {
            return CallResult.Outcome.TIMEOUT;
        }
        if (failure instanceof IOException) {
            return CallResult.Outcome.CONNECTION_ERROR;
        }
        if (failure instanceof MissingCredentialsException || failure instanceof ReauthorizationRequiredException
                || failure instanceof OAuthException) {
            return CallResult.Outcome.CREDENTIALS;
        }
        if (failure instanceof IllegalArgumentException) {
            return CallResult.Outcome.REFUSED; // the engine refused to send it: a path, a host, a redirect
        }
        return CallResult.Outcome.OTHER_FAILURE;
    }

    static CallScope.RetryReason retryReason(Outcome<?> outcome) {
        if (!outcome.failed()) {
            return outcome.observation().throttled() ? CallScope.RetryReason.THROTTLED : CallScope.RetryReason.ERROR_STATUS;
        }
        if (outcome.failure() instanceof HttpTimeoutException) {
            return CallScope.RetryReason.TIMEOUT;
        }
        return outcome.failure() instanceof IOException ? CallScope.RetryReason.CONNECTION_ERROR : CallScope.RetryReason.OTHER;
    }
}
