package dev.blueprint.internal.http;

import dev.blueprint.observe.InterceptedRequest;
import dev.blueprint.observe.InterceptedResponse;
import dev.blueprint.observe.Interceptor;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Hands each attempt to the engine's {@link Interceptor}s just before it is sent, and its answer right after: in
 * registration order on the way out, reversed on the way back. They may only set headers; what they throw fails the
 * attempt. With no interceptors it passes the exchange straight on.
 */
final class InterceptStage implements Stage {
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

    private final String integration;
    private final List<Interceptor> interceptors;
    private final Clock clock;
    private final Calls calls;

    InterceptStage(String integration, List<Interceptor> interceptors, Clock clock, Calls calls) {
        this.integration = integration;
        this.interceptors = List.copyOf(interceptors);
        this.clock = clock;
        this.calls = calls;
    }

    @Override
    public <T> CompletableFuture<Outcome<T>> handle(Call<T> call, Exchange exchange, Chain next) {
        if (interceptors.isEmpty()) {
            return next.proceed(call, exchange);
        }
        Attempt attempt = new Attempt(integration, call.connectionId(), exchange, calls.url(call, exchange));
        interceptors.forEach(interceptor -> interceptor.beforeAttempt(attempt));
        Instant sent = clock.instant();
        return next.proceed(call, attempt.exchange).thenApply(outcome -> {
            InterceptedResponse response = new InterceptedResponse(
                    outcome.failed() ? OptionalInt.empty() : OptionalInt.of(outcome.status()),
                    outcome.failed() ? NO_HEADERS : outcome.response().headers(),
                    Duration.between(sent, clock.instant()), Optional.ofNullable(outcome.failure()));
            for (int i = interceptors.size() - 1; i >= 0; i--) {
                interceptors.get(i).afterAttempt(attempt, response);
            }
            return outcome;
        });
    }

    /** The attempt as interceptors see it; only its headers change, by replacing the exchange. */
    private static final class Attempt implements InterceptedRequest {
        private final String integration;
        private final String connectionId;
        private final String url;
        private Exchange exchange;

        Attempt(String integration, String connectionId, Exchange exchange, String url) {
            this.integration = integration;
            this.connectionId = connectionId;
            this.exchange = exchange;
            this.url = url;
        }

        @Override
        public String integration() {
            return integration;
        }

        @Override
        public String connectionId() {
            return connectionId;
        }

        @Override
        public String method() {
            return exchange.method();
        }

        @Override
        public String url() {
            return url;
        }

        @Override
        public int attempt() {
            return Math.max(1, exchange.attempt());
        }

        @Override
        public Optional<String> header(String name) {
            return exchange.headers().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }

        @Override
        public List<Map.Entry<String, String>> headers() {
            return new ArrayList<>(exchange.headers());
        }

        @Override
        public void setHeader(String name, String value) {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + name.replaceAll("\\p{Cntrl}", "?") + " must not contain line breaks");
            }
            exchange = exchange.withHeader(name, value);
        }

        @Override
        public String toString() {
            return "InterceptedRequest[" + integration + " " + exchange.method() + " " + url + "]";
        }
    }
}
