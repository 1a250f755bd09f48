package dev.blueprint.internal.http;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The whole request path, in order. Stages after {@link RetryStage} run once per attempt.
 *
 * <ol>
 *   <li>{@link RenderStage}: base URL, path, query and default headers from the blueprint's templates</li>
 *   <li>{@link RedirectStage}: follows redirects; credentials never leave the API's origin</li>
 *   <li>{@link RetryStage}: Failsafe retry policy from the blueprint (backoff, jitter, attempts, elapsed time)</li>
 *   <li>{@link UnauthorizedStage}: on a 401, refreshes the OAuth token and repeats once</li>
 *   <li>{@link AuthenticateStage}: bearer token, API key, basic credentials</li>
 *   <li>{@link LogStage}: one redacted log line per attempt</li>
 *   <li>{@link RateLimitGateStage}: waits for the reset or the budget, or fails fast past max_wait</li>
 *   <li>{@link ObserveRateLimitStage}: reads rate-limit headers into the connection's limiter</li>
 *   <li>{@link SendStage}: the shared {@code java.net.http.HttpClient}</li>
 * </ol>
 */
public final class Pipeline {
    private final List<Stage> stages;

    public Pipeline(IntegrationRuntime runtime) {
        this.stages = List.of(
                new RenderStage(),
                new RedirectStage(),
                new RetryStage(runtime),
                new UnauthorizedStage(),
                new AuthenticateStage(),
                new LogStage(),
                new RateLimitGateStage(),
                new ObserveRateLimitStage(),
                new SendStage(runtime.httpClient()));
    }

    public <T> CompletableFuture<HttpResponse<T>> execute(Call<T> call, Exchange exchange) {
        return new RealChain<T>(stages, 0, call).proceed(exchange);
    }

    /** Walks the stage list; enforces that every stage returns a future and names the one that did not. */
    private record RealChain<T>(List<Stage> stages, int index, Call<T> call) implements Stage.Chain<T> {
        @Override
        public CompletableFuture<HttpResponse<T>> proceed(Exchange exchange) {
            if (index >= stages.size()) {
                throw new IllegalStateException("the last stage " + stages.get(stages.size() - 1).getClass().getSimpleName()
                        + " must not call proceed()");
            }
            Stage stage = stages.get(index);
            CompletableFuture<HttpResponse<T>> result;
            try {
                result = stage.handle(call, exchange, new RealChain<>(stages, index + 1, call));
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            if (result == null) {
                throw new IllegalStateException("stage " + stage.getClass().getSimpleName() + " returned null");
            }
            return result;
        }
    }
}
