package dev.blueprint.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.Secret;
import dev.blueprint.store.InMemoryCredentialStore;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine's work as Micrometer sees it: observations with bounded tags, and the meters they become. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MicrometerObserverTest {
    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Integration integration(ObservationRegistry registry, String auth) {
        String yaml = """
                integrations:
                  crm:
                    oauth_client_id: id-1
                    oauth_client_secret: secret-1
                    auth: %s
                    requests: {base_url: "http://127.0.0.1:%d/api"}
                    rate_limit: {retry_after: [Retry-After]}
                    retry: {max_attempts: 3, on_status: [503], backoff: {initial: PT0.01S, max: PT0.01S}}
                """.formatted(auth, server.getPort());
        return BlueprintEngine.builder().environment(Map.of()).integrations("i.yaml", yaml).credentialStore(new InMemoryCredentialStore())
                .observer(new MicrometerObserver(registry)).build().integration("crm");
    }

    @Test
    void aCallWithARetryIsOneObservationWithBoundedTagsAndAWaitBelowIt() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                stopped.add(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        Integration crm = integration(registry, "{mode: bearer}");
        crm.saveCredentials("customer-42", Credentials.bearer("t"));
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        crm.client("customer-42").get("/prospects/123");

        TestObservationRegistryAssert.assertThat(registry)
                .hasNumberOfObservationsWithNameEqualTo(MicrometerObserver.CALLS, 1)
                .hasObservationWithNameEqualTo(MicrometerObserver.CALLS).that()
                .hasBeenStarted().hasBeenStopped()
                .hasLowCardinalityKeyValue("integration", "crm").hasLowCardinalityKeyValue("method", "GET")
                .hasLowCardinalityKeyValue("status", "2xx").hasLowCardinalityKeyValue("outcome", "success")
                .doesNotHaveLowCardinalityKeyValueWithKey("connection")
                .hasContextualNameEqualTo("blueprint crm GET");
        TestObservationRegistryAssert.assertThat(registry).hasObservationWithNameEqualTo(MicrometerObserver.WAITS).that()
                .hasLowCardinalityKeyValue("kind", "backoff").hasBeenStopped()
                .hasParentObservationContextMatching(parent -> parent.getName().equals(MicrometerObserver.CALLS));
        assertThat(stopped).hasSize(2).allSatisfy(context -> assertThat(context.getAllKeyValues().stream()
                .map(kv -> kv.getValue()).collect(Collectors.joining(" "))).doesNotContain("customer-42").doesNotContain("123"));
    }

    @Test
    void metersAreNamedAsDocumentedAndATokenRefreshIsTimedWithItsResult() {
        MeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        Integration crm = integration(registry, "{mode: oauth2, authorization_url: \"https://auth.example/a\", token_url: \"http://127.0.0.1:"
                + server.getPort() + "/token\"}");
        crm.saveCredentials("c1", new Credentials.OAuth2Tokens(Secret.of("old"), Optional.of(Secret.of("refresh-1")),
                Optional.of(Instant.now().minusSeconds(5)), Optional.empty()));
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"access_token\":\"new\",\"expires_in\":3600}").build());
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        crm.client("c1").get("/items");
        server.enqueue(new MockResponse.Builder().code(404).build());
        assertThatThrownBy(() -> crm.client("c1").get("/missing")).hasMessageContaining("404");

        assertThat(meters.get(MicrometerObserver.CALLS).tags("outcome", "success", "status", "2xx").timer().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerObserver.CALLS).tags("outcome", "client_error", "status", "4xx").timer().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerObserver.CALLS + ".retry").counter().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerObserver.CALLS + ".throttled").counter().count()).isEqualTo(1);
        assertThat(meters.get(MicrometerObserver.TOKENS).tags("grant", "refresh_token", "result", "success").timer().count()).isEqualTo(1);
        assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName()).allMatch(name -> name.startsWith("blueprint."));
        for (Meter meter : meters.getMeters()) {
            assertThat(meter.getId().getTags()).extracting(tag -> tag.getKey())
                    .isSubsetOf("integration", "method", "status", "outcome", "kind", "grant", "result", "error");
        }
    }

    @Test
    void aNoopRegistryRecordsNothing() {
        Integration crm = integration(ObservationRegistry.NOOP, "{mode: bearer}");
        crm.saveCredentials("c1", Credentials.bearer("t"));
        server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
        assertThat(crm.client("c1").get("/items").statusCode()).isEqualTo(200);
        assertThat(new MicrometerObserver(ObservationRegistry.NOOP).callStarted(new dev.blueprint.observe.CallInfo("crm", "GET")))
                .isSameAs(dev.blueprint.observe.CallScope.NONE);
    }
}
