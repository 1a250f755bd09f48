package dev.blueprint.internal.assembly;

import dev.blueprint.observe.EngineObserver;
import dev.blueprint.observe.Interceptor;
import dev.blueprint.spi.CredentialStore;
import dev.blueprint.spi.Scheduler;
import dev.blueprint.spi.SharedRateLimits;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * What every integration of an engine shares: one HTTP client (created at the first request: an engine that only
 * validates or lists never needs one), one clock, one scheduler, one credential store, and the shared rate limits
 * when the store offers them, and the executor token renewals run on for callers that must not block.
 */
public record EngineParts(Supplier<HttpClient> httpClient, Clock clock, Scheduler scheduler, CredentialStore store,
                          Optional<SharedRateLimits> sharedLimits, EngineObserver observer, List<Interceptor> interceptors,
                          Executor renewals) {
    public EngineParts {
        Objects.requireNonNull(httpClient, "httpClient");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(sharedLimits, "sharedLimits");
        Objects.requireNonNull(observer, "observer");
        interceptors = List.copyOf(interceptors);
        Objects.requireNonNull(renewals, "renewals");
    }
}
