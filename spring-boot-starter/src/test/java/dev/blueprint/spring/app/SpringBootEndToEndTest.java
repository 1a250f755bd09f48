package dev.blueprint.spring.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.AuthorizationRequest;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Integration;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.sandbox.Sandbox;
import dev.blueprint.spring.ApiClients;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a real Spring Boot application on an embedded server, against the Outreach sandbox: the user's
 * browser goes through the provider's consent to the starter's callback controller, the API is called through the
 * injected {@link ApiClients}, and Actuator shows the engine's health and Micrometer its meters.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "blueprint.callback.enabled=true",
    "management.endpoints.web.exposure.include=health",
    "management.endpoint.health.show-components=always",
    "management.endpoint.health.show-details=always",
    "spring.main.banner-mode=off"})
class SpringBootEndToEndTest {
    private static final Sandbox SANDBOX = Sandbox.of(BlueprintEngine.builder().environment(Map.of()).build().catalog()
            .blueprint(BlueprintRef.parse("outreach:v0")));
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;
    @Autowired
    ApiClients clients;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ProspectService prospects;

    @DynamicPropertySource
    static void integrations(DynamicPropertyRegistry registry) throws IOException {
        Path file = Files.createTempFile("integrations", ".yaml");
        Files.writeString(file, SANDBOX.integrationsYaml("outreach", "    oauth_scopes: [prospects.read]\n"));
        file.toFile().deleteOnExit();
        registry.add("blueprint.integrations-file", file::toString);
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return BROWSER.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void consentCallbackCallHealthAndMeters() throws Exception {
        Integration outreach = clients.integration("outreach");
        URI callback = URI.create("http://localhost:" + port + "/blueprint/oauth/callback/outreach");
        AuthorizationRequest request = outreach.startAuthorization("customer-42", callback);

        HttpResponse<String> forged = get(URI.create(callback + "?code=x&state=forged"));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).startsWith("Authorization failed: ").contains("invalid_state");

        HttpResponse<String> consent = get(request.url());
        assertThat(consent.statusCode()).isEqualTo(302);
        HttpResponse<String> page = get(URI.create(consent.headers().firstValue("location").orElseThrow()));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).startsWith("Connected outreach/customer-42.");

        assertThat(clients.client("outreach", "customer-42").get("/prospects").statusCode()).isEqualTo(200);
        assertThat(prospects.prospects("customer-42")).extracting(ProspectService.Prospect::id).containsExactly("0", "1", "2", "3", "4");

        HttpResponse<String> health = get(URI.create("http://localhost:" + port + "/actuator/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"blueprint\"").contains("\"needsReauthorization\":{}");

        assertThat(meters.find("blueprint.client.requests").tags("integration", "outreach", "outcome", "success").timer())
                .isNotNull().satisfies(timer -> assertThat(timer.count()).isEqualTo(2)); // one call, then one page of up to 1000
        assertThat(meters.find("blueprint.oauth.token.requests").tags("grant", "authorization_code", "result", "success").timer())
                .isNotNull();
    }
}
