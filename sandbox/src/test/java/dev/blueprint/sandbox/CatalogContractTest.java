package dev.blueprint.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blueprint.ApiClient;
import dev.blueprint.AuthorizationRequest;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.model.ApiKeyConfig;
import dev.blueprint.model.AuthConfig;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.model.ClientCredentialsConfig;
import dev.blueprint.model.OAuth2Config;
import dev.blueprint.store.InMemoryCredentialStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every blueprint in blueprints/, end to end against its sandbox: connect, call, exhaust the rate limit without a
 * 429, page through a list when the blueprint declares pagination, and (for OAuth) outlive the access token and
 * refresh once. A contributor's new blueprint is proven here.
 */
class CatalogContractTest {
    static Stream<BlueprintRef> catalog() {
        return BlueprintEngine.builder().environment(Map.of()).build().catalog().refs().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void connectCallRateLimitRefresh(BlueprintRef ref) throws Exception {
        ManualTime time = new ManualTime();
        Blueprint blueprint = BlueprintEngine.builder().environment(Map.of()).build().catalog().blueprint(ref);
        SandboxOptions options = SandboxOptions.defaults().withRateLimit(5, Duration.ofSeconds(10)).withClock(time);
        Map<String, String> config = new HashMap<>();
        blueprint.connectionConfig().forEach((name, field) -> {
            if (!field.learned()) { // the others come from the sandbox's callback and token response
                config.put(name, field.example().orElse("example"));
            }
        });
        try (Sandbox sandbox = Sandbox.of(blueprint, options, 0);
             BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of())
                     .integrations("contract.yaml", sandbox.integrationsYaml("it", "    rate_limit: {max_wait: PT1M}\n"))
                     .clock(time).scheduler(time).credentialStore(new InMemoryCredentialStore()).build()) {
            Integration integration = engine.integration("it");
            connect(integration, config);
            blueprint.connectionConfig().forEach((name, field) -> {
                if (field.learned()) {
                    assertThat(integration.connections()).singleElement().satisfies(status -> assertThat(status.config())
                            .as("learned from " + field.source().orElseThrow().from()).containsEntry(name, field.example().orElse("example")));
                }
            });
            ApiClient client = integration.client("c1");

            assertThat(client.get("/").statusCode()).isEqualTo(200);

            for (int i = 0; i < 12; i++) {
                assertThat(client.get("/items").statusCode()).isEqualTo(200);
            }
            var rateLimit = blueprint.rateLimit();
            boolean announced = (rateLimit.remaining().isPresent() && rateLimit.reset().isPresent())
                    || rateLimit.ietfHeaders() || rateLimit.budget().isPresent();
            if (announced) {
                assertThat(sandbox.stats().throttled()).as("429s").isZero(); // paced from the announced remaining
            } else {
                assertThat(sandbox.stats().throttled()).as("throttled, then retried after Retry-After").isPositive();
            }
            assertThat(time.waits()).as("waits for the reset").isPositive();

            if (blueprint.pagination().isPresent()) {
                // Pages through a list served in the blueprint's own style: every item once, in order.
                assertThat(client.items("/list", JsonNode.class).map(item -> item.path("id").asInt()).toList())
                        .as("items of every page").containsExactly(0, 1, 2, 3, 4);
            }

            AuthConfig auth = blueprint.auth();
            if (auth instanceof OAuth2Config || auth instanceof ClientCredentialsConfig) {
                int before = sandbox.stats().refreshes() + sandbox.stats().clientCredentials();
                time.advance(options.accessTokenTtl());
                assertThat(client.get("/after-expiry").statusCode()).isEqualTo(200);
                assertThat(sandbox.stats().refreshes() + sandbox.stats().clientCredentials() - before).as("token requests").isEqualTo(1);
            }
        }
    }

    private static void connect(Integration integration, Map<String, String> config) throws Exception {
        AuthConfig auth = integration.blueprint().auth();
        if (auth instanceof OAuth2Config) {
            AuthorizationRequest request = integration.startAuthorization("c1", URI.create("http://127.0.0.1:1/callback"), config);
            HttpResponse<Void> consent = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(HttpRequest.newBuilder(request.url()).build(), HttpResponse.BodyHandlers.discarding());
            URI location = URI.create(consent.headers().firstValue("location").orElseThrow());
            integration.completeAuthorization(Sandbox.params(location.getRawQuery()));
        } else if (auth instanceof ClientCredentialsConfig) {
            integration.connectClientCredentials("c1", config);
        } else if (auth instanceof ApiKeyConfig) {
            integration.saveCredentials("c1", Credentials.apiKey("sandbox-key"), config);
        } else if (auth instanceof AuthConfig.Basic) {
            integration.saveCredentials("c1", Credentials.basic("sandbox-user", "sandbox-password"), config);
        } else if (auth instanceof AuthConfig.Bearer) {
            integration.saveCredentials("c1", Credentials.bearer("sandbox-token"), config);
        } else {
            integration.saveCredentials("c1", new Credentials.None(), config);
        }
    }
}
