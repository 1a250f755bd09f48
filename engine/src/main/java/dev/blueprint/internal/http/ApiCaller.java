package dev.blueprint.internal.http;

import dev.blueprint.internal.auth.CredentialValues;
import dev.blueprint.internal.ratelimit.Limiters;
import dev.blueprint.model.RequestsConfig;
import dev.blueprint.observe.CallInfo;
import dev.blueprint.observe.CallScope;
import dev.blueprint.observe.EngineObserver;
import dev.blueprint.spi.CredentialStore;
import dev.blueprint.spi.StoredConnection;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends an integration's API requests: reads the connection as stored now (so refreshed tokens are picked up), runs
 * the pipeline, and turns the outcome into a response or a typed error. Built once per integration by the assembly.
 */
public final class ApiCaller {
    private final String integration;
    private final Pipeline pipeline;
    private final Calls calls;
    private final CredentialStore store;
    private final CredentialValues credentialValues;
    private final Limiters limiters;
    private final Clock clock;
    private final RequestsConfig requests;
    private final OptionalLong bufferedLimit; // the same for every buffered call: made once
    private final EngineObserver observer;

    ApiCaller(String integration, Pipeline pipeline, Calls calls, CredentialStore store, CredentialValues credentialValues,
              Limiters limiters, Clock clock, RequestsConfig requests, EngineObserver observer) {
        this.observer = observer;
        this.integration = integration;
        this.pipeline = pipeline;
        this.calls = calls;
        this.store = store;
        this.credentialValues = credentialValues;
        this.limiters = limiters;
        this.clock = clock;
        this.requests = requests;
        this.bufferedLimit = OptionalLong.of(requests.maxResponseBytes());
    }

    /**
     * Sends {@code exchange} for {@code connectionId}.
     *
     * @param buffered whether {@code handler} reads the body into memory: it is then bounded by
     *                 {@code max_response_bytes} and the attempt's deadline
     * @param blocking whether the caller waits for the result: the call then runs on the caller's thread
     * @param errorStatusThrows whether a final status of 400 or more fails the call with {@code ApiException}, or is
     *                          returned like any response
     * @return the response; fails with the engine's typed errors
     */
    public <T> CompletableFuture<HttpResponse<T>> send(String connectionId, Exchange exchange, HttpResponse.BodyHandler<T> handler,
                                                       boolean buffered, boolean blocking, boolean errorStatusThrows) {
        Optional<StoredConnection> connection = store.load(integration, connectionId);
        OptionalLong limit = buffered ? bufferedLimit : OptionalLong.empty();
        CallScope scope = observer.callStarted(new CallInfo(integration, exchange.method()));
        Call<T> call = new Call<>(connectionId, connection, handler, limit, () -> credentialValues.secrets(connection),
                limiters.forConnection(connectionId), clock.instant(), blocking, scope);
        return pipeline.execute(call, exchange).thenApply(outcome -> {
            scope.finished(CallResults.of(outcome));
            try {
                return Outcomes.response(calls, call, outcome, errorStatusThrows);
            } catch (RuntimeException e) {
                throw new CompletionException(e);
            }
        });
    }

    Pipeline pipeline() {
        return pipeline;
    }

    /** The per-attempt timeout when the caller sets none: the blueprint's {@code requests.timeout}. */
    public Duration defaultTimeout() {
        return requests.timeout();
    }

    /** Whether the blueprint sets a default header of this name (case-insensitive). */
    public boolean declaresHeader(String name) {
        return requests.headers().keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    @Override
    public String toString() {
        return "ApiCaller[" + integration + "]";
    }
}
