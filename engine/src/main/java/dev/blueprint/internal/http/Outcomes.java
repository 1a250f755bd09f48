package dev.blueprint.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blueprint.ApiException;
import dev.blueprint.BlueprintException;
import dev.blueprint.RateLimitExceededException;
import dev.blueprint.RequestContext;
import dev.blueprint.RequestFailedException;
import dev.blueprint.ResponseTooLargeException;
import dev.blueprint.RetriesExhaustedException;
import dev.blueprint.internal.json.Json;
import dev.blueprint.model.ErrorBodyConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Turns a call's final outcome into what callers see: the response for 1xx–3xx (any status when the caller asked), else
 * a typed error;
 * {@link RetriesExhaustedException} when the retry policy made more than one attempt.
 */
public final class Outcomes {
    private Outcomes() {
    }

    static <T> HttpResponse<T> response(Calls calls, Call<T> call, Outcome<T> outcome, boolean errorStatusThrows) {
        // The context (a redacted URL) only when an error needs it: a successful response pays nothing for it.
        if (outcome.failed()) {
            throw error(calls.context(call, outcome.exchange()), outcome.attempts(), outcome.failure());
        }
        HttpResponse<T> response = outcome.response();
        if (response.statusCode() >= 400 && errorStatusThrows) {
            RequestContext context = calls.context(call, outcome.exchange());
            String excerpt = Bodies.excerpt(response, text -> calls.redactor().text(text, call.secrets()));
            Optional<JsonNode> json = calls.errors().isPresent() && response.body() instanceof String text ? Json.tree(text) : Optional.empty();
            Optional<String> message = providerText(calls, call, json, calls.errors().flatMap(ErrorBodyConfig::message));
            Optional<String> code = providerText(calls, call, json, calls.errors().flatMap(ErrorBodyConfig::code));
            throw retried(context, outcome.attempts(), new ApiException(context, response.statusCode(), response.headers(), excerpt,
                    message, code));
        }
        return new RedactedResponse<>(response, calls.redactor(), call.secretSource());
    }

    /** A scalar at {@code pointer} in an error body, secrets masked, on one line and short: the provider's words. */
    private static Optional<String> providerText(Calls calls, Call<?> call, Optional<JsonNode> json, Optional<String> pointer) {
        return json.flatMap(body -> pointer.map(p -> Json.at(body, p))).filter(JsonNode::isValueNode).filter(node -> !node.isNull())
                .map(JsonNode::asText).map(text -> calls.redactor().text(text, call.secrets()).replaceAll("\\p{Cntrl}+", " ").trim())
                .filter(text -> !text.isEmpty()).map(text -> text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }

    private static RuntimeException error(RequestContext context, int attempts, Throwable cause) {
        if (cause instanceof RateLimitExceededException limited) {
            return limited; // the reset time is the answer, however many attempts led to it
        }
        if (cause instanceof BlueprintException known) {
            return retried(context, attempts, known);
        }
        if (cause instanceof BoundedBody.TooLarge tooLarge) {
            return retried(context, attempts, new ResponseTooLargeException(context, tooLarge.limit()));
        }
        if (cause instanceof HttpTimeoutException timeout) {
            return retried(context, attempts, new RequestFailedException("timeout", context,
                    "timed out (" + timeout.getClass().getSimpleName() + ")", timeout));
        }
        if (cause instanceof IOException io) {
            return retried(context, attempts, new RequestFailedException("connection", context,
                    "failed: " + io.getClass().getSimpleName(), io));
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    private static BlueprintException retried(RequestContext context, int attempts, BlueprintException last) {
        return attempts > 1 ? new RetriesExhaustedException(context, attempts, last) : last;
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
