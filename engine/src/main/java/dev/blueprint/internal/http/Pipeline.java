package dev.blueprint.internal.http;

import dev.blueprint.internal.auth.Authenticator;
import dev.blueprint.internal.auth.CredentialValues;
import dev.blueprint.model.ErrorBodyConfig;
import dev.blueprint.model.RequestsConfig;
import dev.blueprint.spi.CredentialStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One ordered list of stages, which the assembly builds once per integration from the parts each stage uses. The
 * API's pipeline, in order (stages after {@link RetryStage} run once per attempt):
 *
 * <ol>
 *   <li>{@link RenderStage}: base URL, path, query and default headers from the blueprint's templates</li>
 *   <li>{@link RedirectStage}: follows redirects; credentials never leave the API's origin</li>
 *   <li>{@link RetryStage}: the retry policy (backoff, jitter, attempts, elapsed time)</li>
 *   <li>{@link AuthenticateStage}: the auth mode's credentials; on a 401, a refreshed token once</li>
 *   <li>{@link LogStage}: one redacted log line per request</li>
 *   <li>{@link RateLimitGateStage}: waits for the reset or the budget, or fails fast past max_wait</li>
 *   <li>{@link ObserveRateLimitStage}: reads the rate-limit headers once, into the limiter and the outcome</li>
 *   <li>{@link InterceptStage}: the engine's interceptors see each attempt and may set headers</li>
 *   <li>{@link SendStage}: the shared {@code java.net.http.HttpClient}</li>
 * </ol>
 *
 * Token requests take the same path from {@link RetryStage} on, without authentication (the token endpoint's client
 * authentication is in the request itself). The chain enforces the stage contract and names the stage that broke it.
 */
public final class Pipeline {
    private final List<Stage> stages;
    private final Position first;

    /** The API's pipeline, as listed above, and the caller that runs it. */
    public static ApiCaller apiCaller(HttpParts parts, RetryRules retry, RequestsConfig requests, RequestTemplate template,
                                      Authenticator authenticator, CredentialValues credentialValues, CredentialStore store) {
        return apiCaller(parts, retry, requests, template, authenticator, credentialValues, store, Optional.empty());
    }

    /** @param errors where the API's error bodies carry its message and code, read into {@link dev.blueprint.ApiException} */
    public static ApiCaller apiCaller(HttpParts parts, RetryRules retry, RequestsConfig requests, RequestTemplate template,
                                      Authenticator authenticator, CredentialValues credentialValues, CredentialStore store,
                                      Optional<ErrorBodyConfig> errors) {
        Calls calls = new Calls(parts.integration(), parts.redactor(), errors);
        Waits waits = new Waits(parts.scheduler());
        Pipeline pipeline = new Pipeline(List.of(
                new RenderStage(parts.integration(), template, credentialValues),
                new RedirectStage(parts.integration()),
                new RetryStage(retry, parts.clock(), waits),
                new AuthenticateStage(authenticator),
                new LogStage(calls),
                new RateLimitGateStage(parts.rateLimits(), parts.clock(), waits, calls),
                new ObserveRateLimitStage(parts.rateLimits(), parts.clock(), calls),
                new InterceptStage(parts.integration(), parts.interceptors(), parts.clock(), calls),
                new SendStage(parts.client())));
        return new ApiCaller(parts.integration(), pipeline, calls, store, credentialValues, parts.limiters(), parts.clock(), requests,
                parts.observer());
    }

    /** The token endpoint's pipeline: the API's from the retry stage on, without authentication. */
    public static TokenRequests tokenRequests(HttpParts parts, RetryRules retry, RequestsConfig requests) {
        Calls calls = new Calls(parts.integration(), parts.redactor());
        Waits waits = new Waits(parts.scheduler());
        Pipeline pipeline = new Pipeline(List.of(
                new RetryStage(retry, parts.clock(), waits),
                new LogStage(calls),
                new RateLimitGateStage(parts.rateLimits(), parts.clock(), waits, calls),
                new ObserveRateLimitStage(parts.rateLimits(), parts.clock(), calls),
                new SendStage(parts.client())));
        return new TokenRequests(pipeline, calls, parts.limiters().forTokenEndpoint(), parts.clock(), requests.timeout(),
                requests.maxTokenResponseBytes());
    }

    Pipeline(List<Stage> stages) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least the send stage");
        }
        this.stages = List.copyOf(stages);
        this.first = new Position(this.stages, 0);
    }

    /** The stages, in order. */
    List<Stage> stages() {
        return stages;
    }

    <T> CompletableFuture<Outcome<T>> execute(Call<T> call, Exchange exchange) {
        return first.proceed(call, exchange);
    }

    /**
     * Walks the stage list: one position per stage, made with the pipeline. A stage that throws or whose future fails
     * yields a failed outcome, so failures travel one way; a stage that returns null, or the last stage calling
     * {@code proceed()}, is a bug named here.
     */
    private static final class Position implements Stage.Chain {
        private final List<Stage> stages;
        private final int index;
        private final Position next; // null after the last stage

        Position(List<Stage> stages, int index) {
            this.stages = stages;
            this.index = index;
            this.next = index < stages.size() ? new Position(stages, index + 1) : null;
        }

        @Override
        public <T> CompletableFuture<Outcome<T>> proceed(Call<T> call, Exchange exchange) {
            if (next == null) {
                throw new IllegalStateException("the last stage " + stages.get(stages.size() - 1).getClass().getSimpleName()
                        + " must not call proceed()");
            }
            Stage stage = stages.get(index);
            CompletableFuture<Outcome<T>> result;
            try {
                result = stage.handle(call, exchange, next);
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(Outcome.failed(exchange, e));
            }
            if (result == null) {
                throw new IllegalStateException("stage " + stage.getClass().getSimpleName() + " returned null");
            }
            if (result.isDone() && !result.isCompletedExceptionally()) {
                return result; // a blocking call's stages answer at once: no failure to translate, no extra future
            }
            return result.exceptionally(failure -> Outcome.failed(exchange, failure));
        }
    }
}
