package dev.blueprint.internal.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;

/** When an attempt deserves another: small named predicates, each with the reason it is safe. */
final class RetryDecisions {
    private RetryDecisions() {
    }

    static boolean retryable(RetryRules rules, String method, Outcome<?> outcome) {
        return outcome.failed() ? retryableFailure(rules, method, outcome.failure()) : retryableResponse(rules, method, outcome);
    }

    static boolean retryableResponse(RetryRules rules, String method, Outcome<?> outcome) {
        if (outcome.status() < 400) {
            return false;
        }
        // RFC 6585 §4: a 429 refuses the request unprocessed, so repeating it is safe for any method.
        if (outcome.observation().throttled()) {
            return true;
        }
        return rules.retriesStatus(outcome.status()) && rules.repeatable(method);
    }

    static boolean retryableFailure(RetryRules rules, String method, Throwable failure) {
        Throwable cause = unwrap(failure);
        // A provider that sent too much will send it again; the limit is the integration's, not a fault.
        if (cause instanceof BoundedBody.TooLarge) {
            return false;
        }
        if (neverReachedServer(cause)) {
            return rules.onConnectionError();
        }
        // RFC 9110 §9.2.2: after a timeout or a reset the server may have acted; only idempotent methods repeat.
        if (cause instanceof HttpTimeoutException) {
            return rules.onTimeout() && rules.repeatable(method);
        }
        return cause instanceof IOException && rules.onConnectionError() && rules.repeatable(method);
    }

    /** A refused connection or a connect timeout: the request was never sent, so any method may repeat. */
    static boolean neverReachedServer(Throwable cause) {
        return cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException;
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
