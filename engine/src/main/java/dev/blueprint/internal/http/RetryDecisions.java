package dev.blueprint.internal.http;

import dev.blueprint.model.RetryConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;

/** When an attempt deserves another: small named predicates, each with the reason it is safe. */
final class RetryDecisions {
    private RetryDecisions() {
    }

    static boolean retryableResponse(IntegrationRuntime runtime, String method, HttpResponse<?> response) {
        if (response.statusCode() < 400) {
            return false;
        }
        // RFC 6585 §4: a 429 refuses the request unprocessed, so repeating it is safe for any method.
        if (runtime.rateLimitReader().isThrottled(response.statusCode(), response.headers())) {
            return true;
        }
        RetryConfig retry = runtime.config().blueprint().retry();
        return retry.onStatus().contains(response.statusCode()) && retry.methods().contains(method);
    }

    static boolean retryableFailure(RetryConfig retry, String method, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (neverReachedServer(cause)) {
            return retry.onConnectionError();
        }
        // RFC 9110 §9.2.2: after a timeout or a reset the server may have acted; only idempotent methods repeat.
        if (cause instanceof HttpTimeoutException) {
            return retry.onTimeout() && retry.methods().contains(method);
        }
        return cause instanceof IOException && retry.onConnectionError() && retry.methods().contains(method);
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
