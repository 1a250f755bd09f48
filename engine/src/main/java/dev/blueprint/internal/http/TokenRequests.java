package dev.blueprint.internal.http;

import dev.blueprint.RequestContext;
import dev.blueprint.RequestFailedException;
import dev.blueprint.ResponseTooLargeException;
import dev.blueprint.internal.ratelimit.ConnectionLimiter;
import dev.blueprint.observe.CallScope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Sends an integration's token requests through the same retry, log, rate-limit and send stages as its API calls:
 * one retry policy definition and one {@code max_wait}. Blocks: a token is needed before anything else can go.
 */
public final class TokenRequests {
    /** Token requests belong to the integration, not to one connection. */
    private static final String NO_CONNECTION = "-";

    private final Pipeline pipeline;
    private final Calls calls;
    private final ConnectionLimiter limiter;
    private final Clock clock;
    private final Duration timeout;
    private final long maxBodyBytes;

    TokenRequests(Pipeline pipeline, Calls calls, ConnectionLimiter limiter, Clock clock, Duration timeout, long maxBodyBytes) {
        this.pipeline = pipeline;
        this.calls = calls;
        this.limiter = limiter;
        this.clock = clock;
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    /**
     * POSTs to the token endpoint and returns its final answer, whatever its status (reading it is OAuth's job).
     *
     * @param secrets values in the request to mask wherever text leaves the engine
     * @throws RequestFailedException when no answer came (code {@code timeout}, {@code connection} or {@code interrupted})
     * @throws dev.blueprint.RateLimitExceededException when the endpoint asks for a wait beyond max_wait
     * @throws ResponseTooLargeException when the answer is larger than {@code max_token_response_bytes}
     */
    public HttpResponse<String> post(URI url, List<Map.Entry<String, String>> headers, byte[] body, Set<String> secrets) {
        Call<String> call = new Call<>(NO_CONNECTION, Optional.empty(), HttpResponse.BodyHandlers.ofString(),
                OptionalLong.of(maxBodyBytes), () -> Set.copyOf(secrets), limiter, clock.instant(), true, CallScope.NONE);
        Exchange exchange = Exchange.absolute("POST", url, headers, body, timeout);
        Outcome<String> outcome = pipeline.execute(call, exchange).join();
        if (!outcome.failed()) {
            return outcome.response();
        }
        RequestContext context = calls.context(call, outcome.exchange());
        Throwable cause = outcome.failure();
        if (cause instanceof BoundedBody.TooLarge tooLarge) {
            throw new ResponseTooLargeException(context, tooLarge.limit());
        }
        if (cause instanceof InterruptedException) {
            throw new RequestFailedException("interrupted", context, "was interrupted", cause);
        }
        if (cause instanceof IOException) {
            String code = cause instanceof HttpTimeoutException ? "timeout" : "connection";
            throw new RequestFailedException(code, context, "token request failed: " + cause.getClass().getSimpleName(), cause);
        }
        throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
}
