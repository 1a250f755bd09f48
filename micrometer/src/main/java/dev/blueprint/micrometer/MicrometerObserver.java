package dev.blueprint.micrometer;

import dev.blueprint.observe.CallInfo;
import dev.blueprint.observe.CallResult;
import dev.blueprint.observe.CallScope;
import dev.blueprint.observe.EngineObserver;
import dev.blueprint.observe.TokenRequestInfo;
import dev.blueprint.observe.TokenScope;
import dev.blueprint.observe.WaitScope;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The engine's calls, retries, waits and token requests as Micrometer {@link Observation}s, so one registry gives
 * both metrics (through a {@code DefaultMeterObservationHandler}) and traces (through Micrometer Tracing to
 * OpenTelemetry or Brave). Tags are low-cardinality only: integration, method, status class, outcome, wait kind,
 * grant and result; never a connection id or a URL. With a no-op registry it records nothing and costs nothing.
 *
 * <pre>{@code
 * BlueprintEngine engine = BlueprintEngine.builder()
 *     .integrations(Path.of("integrations.yaml"))
 *     .observer(new MicrometerObserver(observationRegistry))
 *     .build();
 * }</pre>
 *
 * <p>Meters with {@code DefaultMeterObservationHandler}: {@value #CALLS} (timer and {@code .active} long task
 * timer; tags {@code integration}, {@code method}, {@code status}, {@code outcome}), {@value #CALLS}{@code .retry}
 * and {@value #CALLS}{@code .throttled} (counters; tag {@code reason} on retries), {@value #WAITS} (timer; tags
 * {@code integration}, {@code kind}: pacing or backoff), {@value #TOKENS} (timer; tags {@code integration},
 * {@code grant}, {@code result}: success, reauthorization_required, failure).
 */
public final class MicrometerObserver implements EngineObserver {
    /** One observation per API call, retries included. */
    public static final String CALLS = "blueprint.client.requests";
    /** One observation per wait before an attempt: pacing by the rate-limit gate, or backoff after an error. */
    public static final String WAITS = "blueprint.client.waits";
    /** One observation per token endpoint request. */
    public static final String TOKENS = "blueprint.oauth.token.requests";

    private final ObservationRegistry registry;

    public MicrometerObserver(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public CallScope callStarted(CallInfo call) {
        if (registry.isNoop()) {
            return CallScope.NONE;
        }
        Observation observation = Observation.createNotStarted(CALLS, registry)
                .contextualName("blueprint " + call.integration() + " " + call.method())
                .lowCardinalityKeyValue("integration", call.integration())
                .lowCardinalityKeyValue("method", call.method())
                .start();
        return new CallScope() {
            @Override
            public void retrying(int attempt, RetryReason reason, Duration delay) {
                if (reason == RetryReason.THROTTLED) {
                    observation.event(Observation.Event.of("throttled", "the API throttled the call"));
                }
                observation.event(Observation.Event.of("retry", "attempt " + attempt + " is repeated: " + lower(reason)));
            }

            @Override
            public WaitScope waiting(WaitKind kind, Duration planned) {
                Observation wait = Observation.createNotStarted(WAITS, registry)
                        .parentObservation(observation)
                        .contextualName("blueprint wait " + lower(kind))
                        .lowCardinalityKeyValue("integration", call.integration())
                        .lowCardinalityKeyValue("kind", lower(kind))
                        .start();
                return wait::stop;
            }

            @Override
            public void finished(CallResult result) {
                observation.lowCardinalityKeyValue("status", result.statusClass())
                        .lowCardinalityKeyValue("outcome", lower(result.outcome()))
                        .highCardinalityKeyValue("attempts", Integer.toString(result.attempts()))
                        .stop();
            }
        };
    }

    @Override
    public TokenScope tokenRequestStarted(TokenRequestInfo request) {
        if (registry.isNoop()) {
            return TokenScope.NONE;
        }
        Observation observation = Observation.createNotStarted(TOKENS, registry)
                .contextualName("blueprint token " + request.grant())
                .lowCardinalityKeyValue("integration", request.integration())
                .lowCardinalityKeyValue("grant", request.grant())
                .start();
        return result -> observation.lowCardinalityKeyValue("result", lower(result)).stop();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "MicrometerObserver[" + registry + "]";
    }
}
