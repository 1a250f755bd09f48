package dev.blueprint.internal.http;

import dev.blueprint.internal.ratelimit.Limiters;
import dev.blueprint.internal.ratelimit.RateLimitPolicy;
import dev.blueprint.internal.redact.Redactor;
import dev.blueprint.observe.EngineObserver;
import dev.blueprint.observe.Interceptor;
import dev.blueprint.spi.Scheduler;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What both of an integration's pipelines (API calls and token requests) are built from; {@link Pipeline}'s
 * factories hand each stage only the parts it uses.
 *
 * @param integration the integration's name, for log lines and errors
 * @param redactor    masks secrets in URLs, headers and text
 * @param rateLimits  the integration's rate-limit policy
 * @param limiters    the rate-limit state of its connections and its token endpoint
 * @param client      the engine's shared HTTP client, created when first asked for
 * @param clock       the engine's clock
 * @param scheduler   the engine's waits
 * @param observer    hears calls, retries, waits and token requests
 * @param interceptors see each API attempt, in order
 */
public record HttpParts(String integration, Redactor redactor, RateLimitPolicy rateLimits, Limiters limiters, Supplier<HttpClient> client,
                        Clock clock, Scheduler scheduler, EngineObserver observer, List<Interceptor> interceptors) {
    public HttpParts {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(redactor, "redactor");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(limiters, "limiters");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(observer, "observer");
        interceptors = List.copyOf(interceptors);
    }

    /** Parts without an observer or interceptors. */
    public HttpParts(String integration, Redactor redactor, RateLimitPolicy rateLimits, Limiters limiters, Supplier<HttpClient> client,
                     Clock clock, Scheduler scheduler) {
        this(integration, redactor, rateLimits, limiters, client, clock, scheduler, EngineObserver.NONE, List.of());
    }
}
