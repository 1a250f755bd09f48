/**
 * What the engine reports while it works, for metrics, traces and logs: {@link dev.blueprint.observe.EngineObserver}
 * (calls, their attempts, retries and waits; token requests), and {@link dev.blueprint.observe.Interceptor} (each
 * attempt's request and response, to add headers or time calls). Both are registered on
 * {@link dev.blueprint.BlueprintEngine.Builder}. Nothing here names a connection id or a URL with ids in it: those would
 * make metrics unbounded, and URLs can carry secrets.
 */
package dev.blueprint.observe;
