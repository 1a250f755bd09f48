package dev.blueprint.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.AuthorizationRequest;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Integration;
import dev.blueprint.MissingCredentialsException;
import dev.blueprint.OAuthException;
import dev.blueprint.store.InMemoryCredentialStore;
import dev.blueprint.testing.VirtualTime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Per-connection OAuth endpoints ({@code {{connection.NAME}}} in authorization_url, token_url and authorization
 * params) and values learned while connecting ({@code from: callback.PARAM}, {@code from: token_response.FIELD}),
 * end to end against a local token endpoint: each value goes where it should, a bad one is refused before any
 * request or stored value, and nothing is echoed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionValuesTest {
    private static final URI REDIRECT = URI.create("http://127.0.0.1:1/callback");

    private final MockWebServer server = new MockWebServer();
    private final VirtualTime time = new VirtualTime();
    private final InMemoryCredentialStore store = new InMemoryCredentialStore();
    private final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> apiPaths = new CopyOnWriteArrayList<>();
    private volatile String tokenBody = tokenJson("{}");

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().endsWith("/oauth/token")) {
                    tokenRequests.add(request);
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(tokenBody).build();
                }
                apiPaths.add(request.getUrl().encodedPath());
                return new MockResponse.Builder().code(200).body("{}").build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String tokenJson(String extra) {
        String members = extra.substring(1, extra.length() - 1);
        return "{\"access_token\":\"at-1\",\"refresh_token\":\"rt-1\",\"expires_in\":3600" + (members.isEmpty() ? "" : "," + members) + "}";
    }

    private String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A provider with per-tenant endpoints (the tenant in the path: loopback has no subdomains) and learned values. */
    private Integration integration(String mode) {
        String yaml = """
                integrations:
                  desk:
                    oauth_client_id: client-1
                    oauth_client_secret: secret-1
                    connection_config:
                      tenant: {pattern: "[a-z0-9][a-z0-9-]{0,30}", example: acme}
                      realm: {pattern: "[0-9]{1,20}", from: callback.realmId}
                      instance: {pattern: "[a-z0-9-]{1,63}", from: token_response.instance_url, extract: "%s/i/{value}"}
                    auth:
                      mode: %s
                      authorization_url: "%s/{{connection.tenant}}/oauth/authorize"
                      token_url: "%s/{{connection.tenant}}/oauth/token"
                      authorization_params: {audience: "%s/{{connection.tenant}}/api"}
                      token_params: {audience: "%s/{{connection.tenant}}/api"}
                    requests: {base_url: "%s/i/{{connection.instance}}/{{connection.realm}}"}
                """.formatted(base(), mode, base(), base(), base(), base(), base());
        if (!mode.equals("oauth2")) {
            yaml = yaml.replaceAll("(?m)^.*(realm: \\{|authorization_url|authorization_params).*\\n", "")
                    .replace("/{{connection.realm}}", "");
        }
        return BlueprintEngine.builder().environment(Map.of()).integrations("integrations.yaml", yaml)
                .clock(time).scheduler(time).credentialStore(store).build().integration("desk");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    private Map<String, String> callback(AuthorizationRequest request, String realmId) {
        Map<String, String> callback = new HashMap<>(Map.of("code", "code-1", "state", request.state()));
        if (realmId != null) {
            callback.put("realmId", realmId);
        }
        return callback;
    }

    @Test
    void theAuthorizationUrlAndParamsCarryTheTenantAndTheLearnedValuesAreStoredAndUsed() {
        Integration desk = integration("oauth2");
        tokenBody = tokenJson("{\"instance_url\":\"" + base() + "/i/eu-7\"}");
        AuthorizationRequest request = desk.startAuthorization("c1", REDIRECT, Map.of("tenant", "acme"));
        assertThat(request.url().getRawPath()).isEqualTo("/acme/oauth/authorize");
        assertThat(query(request.url())).containsEntry("audience", base() + "/acme/api").containsEntry("client_id", "client-1");

        desk.completeAuthorization(callback(request, "9130355"));

        assertThat(tokenRequests).singleElement().satisfies(r -> {
            assertThat(r.getUrl().encodedPath()).isEqualTo("/acme/oauth/token");
            assertThat(URLDecoder.decode(r.getBody().utf8(), StandardCharsets.UTF_8)).contains("audience=" + base() + "/acme/api");
        });
        assertThat(store.load("desk", "c1").orElseThrow().config())
                .containsExactlyInAnyOrderEntriesOf(Map.of("tenant", "acme", "realm", "9130355", "instance", "eu-7"));
        assertThat(desk.connections()).singleElement().satisfies(status -> assertThat(status.config())
                .containsExactly(Map.entry("instance", "eu-7"), Map.entry("realm", "9130355"), Map.entry("tenant", "acme")));
        desk.client("c1").get("/items");
        assertThat(apiPaths).containsExactly("/i/eu-7/9130355/items");
    }

    /** Connection c1 of tenant {@code tenant}, authorized with a token response naming {@code instanceUrl}. */
    private Integration connected(String tenant, String instanceUrl) {
        Integration desk = integration("oauth2");
        tokenBody = tokenJson("{\"instance_url\":\"" + instanceUrl + "\"}");
        AuthorizationRequest request = desk.startAuthorization("c1", REDIRECT, Map.of("tenant", tenant));
        desk.completeAuthorization(callback(request, "1"));
        return desk;
    }

    @Test
    void refreshesGoToTheConnectionsOwnTokenUrl() {
        Integration desk = connected("beta-2", base() + "/i/eu-7");
        time.advance(Duration.ofHours(2));
        desk.client("c1").get("/items");
        assertThat(tokenRequests).extracting(r -> r.getUrl().encodedPath()).containsExactly("/beta-2/oauth/token", "/beta-2/oauth/token");
        assertThat(tokenRequests.get(1).getBody().utf8()).contains("grant_type=refresh_token");
    }

    @Test
    void hostileOrMissingValuesAreRefusedBeforeAnyRequestNamingTheField() {
        Integration desk = integration("oauth2");
        for (String value : List.of("evil.com/", "a@b", "..", "%2e", "x\ny", "ACME", "../admin")) {
            assertThatThrownBy(() -> desk.startAuthorization("c1", REDIRECT, Map.of("tenant", value)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("connection_config.tenant must match");
        }
        assertThatThrownBy(() -> desk.startAuthorization("c1", REDIRECT, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auth.authorization_url needs connection_config.tenant (for example acme)");
        assertThatThrownBy(() -> desk.startAuthorization("c1", REDIRECT, Map.of("tenant", "acme", "realm", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connection_config.realm is learned from callback.realmId while connecting; do not give it");
        assertThat(tokenRequests).isEmpty();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aBadValueFromTheCallbackFailsTheConnectBeforeTheCodeIsExchanged() {
        Integration desk = integration("oauth2");
        AuthorizationRequest request = desk.startAuthorization("c1", REDIRECT, Map.of("tenant", "acme"));
        assertThatThrownBy(() -> desk.completeAuthorization(callback(request, "12/../evil")))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_connection_value");
                    assertThat(e.getMessage()).contains("connection_config.realm").contains("callback's realmId")
                            .contains("nothing was stored").doesNotContain("evil");
                });
        assertThat(tokenRequests).isEmpty();
        assertThat(store.load("desk", "c1")).isEmpty();
    }

    @Test
    void aMissingCallbackValueFailsTheConnect() {
        Integration desk = integration("oauth2");
        AuthorizationRequest request = desk.startAuthorization("c1", REDIRECT, Map.of("tenant", "acme"));
        assertThatThrownBy(() -> desk.completeAuthorization(callback(request, null)))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo("missing_connection_value"));
        assertThat(store.load("desk", "c1")).isEmpty();
    }

    @Test
    void aTokenResponseValueOfTheWrongShapeOrPatternStoresNothing() {
        Integration desk = integration("oauth2");
        for (String instanceUrl : List.of("https://evil.example/i/eu-7", base() + "/i/EU_7", base() + "/i/", base() + "/i/a/b")) {
            tokenBody = tokenJson("{\"instance_url\":\"" + instanceUrl + "\"}");
            AuthorizationRequest request = desk.startAuthorization("c1", REDIRECT, Map.of("tenant", "acme"));
            assertThatThrownBy(() -> desk.completeAuthorization(callback(request, "1")))
                    .as(instanceUrl)
                    .isInstanceOfSatisfying(OAuthException.class, e -> {
                        assertThat(e.code()).isEqualTo("invalid_connection_value");
                        assertThat(e.getMessage()).contains("token response's instance_url")
                                .doesNotContain("evil").doesNotContain("EU_7").doesNotContain("/i/a/b");
                    });
            assertThat(store.load("desk", "c1")).isEmpty();
        }
    }

    @Test
    void aTrailingSlashOnALearnedUrlIsTolerated() {
        connected("acme", base() + "/i/eu-7/");
        assertThat(store.load("desk", "c1").orElseThrow().config()).containsEntry("instance", "eu-7");
    }

    @Test
    void clientCredentialsConnectWithTheTenantAndLearnFromTheTokenResponse() {
        Integration desk = integration("oauth2_client_credentials");
        tokenBody = tokenJson("{\"instance_url\":\"" + base() + "/i/us-1\"}");
        assertThatThrownBy(() -> desk.client("c1").get("/items"))
                .isInstanceOf(MissingCredentialsException.class)
                .hasMessageContaining("connection_config.instance, which is learned from token_response.instance_url when connecting");
        assertThat(tokenRequests).isEmpty();

        desk.connectClientCredentials("c1", Map.of("tenant", "acme"));
        desk.connectClientCredentials("c1", Map.of("tenant", "acme")); // same values, good token: kept
        desk.client("c1").get("/items");
        assertThat(tokenRequests).extracting(r -> r.getUrl().encodedPath()).containsExactly("/acme/oauth/token");
        assertThat(apiPaths).containsExactly("/i/us-1/items");

        desk.connectClientCredentials("c1", Map.of("tenant", "other")); // new values: a new token from the new tenant
        assertThat(tokenRequests).extracting(r -> r.getUrl().encodedPath()).containsExactly("/acme/oauth/token", "/other/oauth/token");
        assertThat(store.load("desk", "c1").orElseThrow().config()).containsEntry("tenant", "other");
    }

    @Test
    void theCallbackUrlItselfCompletesTheFlowAndARepeatedParameterIsRefused() {
        Integration desk = integration("oauth2");
        tokenBody = tokenJson("{\"instance_url\":\"" + base() + "/i/eu-7\"}");
        AuthorizationRequest request = desk.startAuthorization("c1", REDIRECT, Map.of("tenant", "acme"));
        URI forged = URI.create(REDIRECT + "?code=x&state=" + request.state() + "&state=forged&realmId=1");
        assertThat(request.isCallbackFor(forged)).isFalse();
        assertThatThrownBy(() -> desk.completeAuthorization(forged)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the callback repeats its state parameter, which OAuth forbids");
        assertThat(tokenRequests).isEmpty();

        URI genuine = URI.create(REDIRECT + "?code=code-1&state=" + request.state() + "&realmId=77");
        assertThat(request.isCallbackFor(genuine)).isTrue();
        assertThat(request.isCallbackFor(URI.create(REDIRECT + "?code=code-1&state=other"))).isFalse();
        assertThat(desk.completeAuthorization(genuine)).isEqualTo("c1");
        assertThat(store.load("desk", "c1").orElseThrow().config()).containsEntry("realm", "77");
    }

    @Test
    void tokensObtainedElsewhereAreSavedWithTheirLifetimeAndRenewed() {
        Integration desk = integration("oauth2");
        desk.saveCredentials("c1", dev.blueprint.Credentials.oauth("imported-access", "imported-refresh", Duration.ofSeconds(-1), time),
                Map.of("tenant", "acme", "realm", "5", "instance", "eu-7"));
        tokenBody = tokenJson("{}");
        desk.client("c1").get("/items");
        assertThat(tokenRequests).singleElement().satisfies(r -> assertThat(r.getBody().utf8())
                .contains("grant_type=refresh_token").contains("refresh_token=imported-refresh"));
        assertThat(dev.blueprint.Credentials.oauth("a").refreshToken()).isEmpty();
        assertThat(dev.blueprint.Credentials.oauth("a").expiresAt()).isEmpty();
    }
}
