package dev.blueprint.internal.http;

import dev.blueprint.RequestContext;
import dev.blueprint.internal.ratelimit.ConnectionLimiter;
import dev.blueprint.internal.ratelimit.Observation;
import dev.blueprint.spi.StoredConnection;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * What stays the same across the attempts of one call: the integration, the connection, the body handler,
 * the secret values to redact, and the bookkeeping the stages share (attempt count, last wait, last
 * rate-limit observation). Attempts run one after another, so plain volatile fields suffice.
 */
public final class Call<T> {
    private final IntegrationRuntime runtime;
    private final String connectionId;
    private final StoredConnection connection;
    private final HttpResponse.BodyHandler<T> bodyHandler;
    private final Set<String> secrets;
    private final ConnectionLimiter limiter;
    private final Instant started;
    private volatile int attempts;
    private volatile int retryAttempts;
    private volatile Duration lastWait = Duration.ZERO;
    private volatile Observation lastObservation = Observation.NONE;
    private volatile URI lastUri;
    private volatile URI apiOrigin;
    private volatile dev.blueprint.Secret usedToken;
    private volatile dev.blueprint.Secret rejectedToken;

    private volatile String method = "";
    private final boolean blocking;

    Call(IntegrationRuntime runtime, String connectionId, StoredConnection connection, HttpResponse.BodyHandler<T> bodyHandler,
         Set<String> secrets, boolean blocking) {
        this.blocking = blocking;
        this.runtime = runtime;
        this.connectionId = connectionId;
        this.connection = connection;
        this.bodyHandler = bodyHandler;
        this.secrets = Set.copyOf(secrets);
        this.limiter = runtime.limiter(connectionId);
        this.started = runtime.clock().instant();
    }

    /**
     * Whether the caller waits for this call ({@code send()}): then the attempt runs on the caller's thread with
     * a blocking send, and waits block that thread, which is cheaper than hopping between pool threads.
     */
    public boolean blocking() {
        return blocking;
    }

    /** A wait on the engine's scheduler; for a blocking call the caller's thread waits and continues. */
    java.util.concurrent.CompletableFuture<Void> pause(Duration delay) {
        java.util.concurrent.CompletableFuture<Void> done = runtime.scheduler().after(delay);
        if (blocking) {
            done.join();
        }
        return done;
    }

    /**
     * Waits for another request's answer. A blocking call waits on its own thread; otherwise the caller continues
     * on the pool, never on the thread that delivered the answer.
     */
    java.util.concurrent.CompletableFuture<Void> awaitAnswer(java.util.concurrent.CompletableFuture<Void> answered) {
        if (blocking) {
            answered.join();
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        return answered.thenRunAsync(() -> { });
    }

    public IntegrationRuntime runtime() {
        return runtime;
    }

    public String connectionId() {
        return connectionId;
    }

    public StoredConnection connection() {
        return connection;
    }

    public HttpResponse.BodyHandler<T> bodyHandler() {
        return bodyHandler;
    }

    /** Secret values of this connection, masked wherever text leaves the engine. */
    public Set<String> secrets() {
        return secrets;
    }

    /** Records where the API lives for this call: credentials and rate-limit bookkeeping belong to that origin. */
    void apiOrigin(URI rendered) {
        this.apiOrigin = rendered;
    }

    /** Whether {@code uri} is on another origin than the API (a redirect to a CDN or another host). */
    boolean crossOrigin(URI uri) {
        return apiOrigin != null && !Origins.same(uri, apiOrigin);
    }

    public ConnectionLimiter limiter() {
        return limiter;
    }

    public Instant started() {
        return started;
    }

    int startAttempt(String attemptMethod) {
        this.method = attemptMethod;
        return ++attempts;
    }

    public int attempts() {
        return attempts;
    }

    /** Attempts the retry policy made (a 401 refresh-and-repeat is not one). */
    public int retryAttempts() {
        return retryAttempts;
    }

    void startRetryAttempt() {
        retryAttempts++;
    }

    Duration lastWait() {
        return lastWait;
    }

    void lastWait(Duration wait) {
        this.lastWait = wait;
    }

    public Observation lastObservation() {
        return lastObservation;
    }

    void lastObservation(Observation observation) {
        this.lastObservation = observation;
    }

    /** The OAuth access token the current attempt sent. */
    dev.blueprint.Secret usedToken() {
        return usedToken;
    }

    void usedToken(dev.blueprint.Secret token) {
        this.usedToken = token;
    }

    /** A token a 401 refused, to be refreshed before the next attempt; null when none. */
    dev.blueprint.Secret rejectedToken() {
        return rejectedToken;
    }

    void rejectedToken(dev.blueprint.Secret token) {
        this.rejectedToken = token;
    }

    void lastUri(URI uri) {
        this.lastUri = uri;
    }

    /** The call as errors describe it, with a redacted URL. */
    public RequestContext context() {
        String url = lastUri == null ? "(not rendered)" : runtime.redactor().url(lastUri);
        return new RequestContext(runtime.name(), connectionId, method, url);
    }
}
