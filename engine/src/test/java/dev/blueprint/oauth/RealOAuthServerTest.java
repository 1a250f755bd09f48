package dev.blueprint.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.AuthorizationRequest;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.store.InMemoryCredentialStore;
import dev.blueprint.testing.VirtualTime;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OAuth flows against a real authorization server nobody here wrote (NAV's mock-oauth2-server, in this JVM):
 * authorization code with PKCE, refresh, and client credentials; each token is then accepted by its userinfo
 * endpoint. This server accepts any code and refresh token, so refusals (invalid_grant, state mismatch, provider
 * errors) are tested against MockWebServer in {@link OAuthTest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealOAuthServerTest {
    private static final URI REDIRECT = URI.create("http://127.0.0.1:8765/callback");
    private final MockOAuth2Server server = new MockOAuth2Server();
    private final VirtualTime time = new VirtualTime(java.time.Instant.now());
    private final InMemoryCredentialStore store = new InMemoryCredentialStore();

    @BeforeEach
    void start() {
        server.start();
    }

    @AfterEach
    void stop() {
        server.shutdown();
    }

    private Integration integration(String auth) {
        String yaml = """
                integrations:
                  nav:
                    oauth_client_id: blueprint-client
                    oauth_client_secret: blueprint-secret
                    oauth_scopes: [openid, profile]
                    auth:
                      %s
                    requests: {base_url: "%s"}
                """.formatted(auth, server.issuerUrl("default").toString().replaceAll("/$", ""));
        return BlueprintEngine.builder().environment(Map.of()).integrations("integrations.yaml", yaml)
                .clock(time).scheduler(time).credentialStore(store).build().integration("nav");
    }

    private Integration authorizationCode() {
        return integration("""
                mode: oauth2
                      authorization_url: "%s"
                      token_url: "%s"
                      pkce: true
                      refresh: {margin: PT1M}""".formatted(server.authorizationEndpointUrl("default"), server.tokenEndpointUrl("default")));
    }

    /** Plays the user's browser: the server consents at once and redirects with the code. */
    private static Map<String, String> consent(AuthorizationRequest request) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(request.url()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("location").orElseThrow());
        Map<String, String> params = new HashMap<>();
        for (String pair : location.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void authorizationCodeWithPkceThenCallsAndRefresh() throws Exception {
        Integration nav = authorizationCode();
        AuthorizationRequest request = nav.startAuthorization("user-1", REDIRECT);
        Map<String, String> callback = consent(request);
        assertThat(callback).containsEntry("state", request.state()).containsKey("code");
        assertThat(nav.completeAuthorization(callback)).isEqualTo("user-1");

        assertThat(nav.client("user-1").get("/userinfo").statusCode()).isEqualTo(200);
        Credentials.OAuth2Tokens first = (Credentials.OAuth2Tokens) store.load("nav", "user-1").orElseThrow().credentials();
        assertThat(first.refreshToken()).isPresent();

        time.advance(Duration.ofHours(2)); // past expiry: the next call refreshes first
        assertThat(nav.client("user-1").get("/userinfo").statusCode()).isEqualTo(200);
        Credentials.OAuth2Tokens second = (Credentials.OAuth2Tokens) store.load("nav", "user-1").orElseThrow().credentials();
        assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    }

    @Test
    void clientCredentialsGetsATokenTheServerAccepts() {
        Integration nav = integration("""
                mode: oauth2_client_credentials
                      token_url: "%s"
                      token_request_auth: client_secret_basic""".formatted(server.tokenEndpointUrl("default")));
        assertThat(nav.client("service").get("/userinfo").statusCode()).isEqualTo(200);
        assertThat(store.load("nav", "service")).isPresent();
    }
}
