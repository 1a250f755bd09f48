package dev.blueprint.internal.http;

import dev.blueprint.internal.redact.Redactor;

import dev.blueprint.ApiException;
import dev.blueprint.BlueprintException;
import dev.blueprint.RequestFailedException;
import dev.blueprint.RetriesExhaustedException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Turns the pipeline's final result into what callers see: the response for 1xx–3xx, else a typed error;
 * {@link RetriesExhaustedException} when more than one attempt was made.
 */
public final class Outcomes {
    private Outcomes() {
    }

    public static <T> CompletableFuture<HttpResponse<T>> run(Call<T> call, Exchange exchange) {
        CompletableFuture<HttpResponse<T>> result;
        try {
            result = call.runtime().pipeline().execute(call, exchange);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((response, failure) -> {
            if (failure != null) {
                throw new CompletionException(error(call, RetryDecisions.unwrap(failure)));
            }
            if (response.statusCode() >= 400) {
                String excerpt = call.runtime().redactor().text(Bodies.excerpt(response), call.secrets());
                throw new CompletionException(retried(call, new ApiException(call.context(), response.statusCode(), response.headers(), excerpt)));
            }
            Redactor redactor = call.runtime().redactor();
            return new RedactedResponse<>(response, redactor.text(redactor.url(response.uri()), call.secrets()));
        });
    }

    private static RuntimeException error(Call<?> call, Throwable cause) {
        if (cause instanceof BlueprintException known) {
            return known instanceof dev.blueprint.RateLimitExceededException ? known : retried(call, known);
        }
        if (cause instanceof HttpTimeoutException timeout) {
            return retried(call, new RequestFailedException("timeout", call.context(),
                    "timed out (" + timeout.getClass().getSimpleName() + ")", timeout));
        }
        if (cause instanceof IOException io) {
            return retried(call, new RequestFailedException("connection", call.context(),
                    "failed: " + io.getClass().getSimpleName(), io));
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    private static BlueprintException retried(Call<?> call, BlueprintException last) {
        return call.retryAttempts() > 1 ? new RetriesExhaustedException(call.context(), call.retryAttempts(), last) : last;
    }

    /** Waits for a future and rethrows its failure as the engine's unchecked error, not a CompletionException. */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = RetryDecisions.unwrap(e);
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
