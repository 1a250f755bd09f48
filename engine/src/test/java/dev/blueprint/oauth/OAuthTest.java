package dev.blueprint.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.ApiException;
import dev.blueprint.AuthorizationRequest;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.ConnectionStatus;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.OAuthException;
import dev.blueprint.ReauthorizationRequiredException;
import dev.blueprint.RequestFailedException;
import dev.blueprint.Secret;
import dev.blueprint.store.InMemoryCredentialStore;
import dev.blueprint.testing.LogCapture;
import dev.blueprint.testing.VirtualTime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Token refresh, client credentials and the authorization code flow against a local token endpoint with faults. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OAuthTest {
    private static final String CLIENT_SECRET = "client-secret-canary-8080";
    private static final String OLD_ACCESS = "old-access-canary-1";
    private static final String OLD_REFRESH = "old-refresh-canary-2";

    private final MockWebServer server = new MockWebServer();
    private final VirtualTime time = new VirtualTime();
    private final InMemoryCredentialStore store = new InMemoryCredentialStore();
    private final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> apiTokens = new CopyOnWriteArrayList<>();
    /** Token endpoint answers, in order; the last one repeats. */
    private final List<MockResponse> tokenAnswers = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenCalls = new AtomicInteger();
    private volatile int apiStatus = 200;
    private LogCapture logs;

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().equals("/oauth/token")) {
                    tokenRequests.add(request);
                    int n = tokenCalls.getAndIncrement();
                    return tokenAnswers.get(Math.min(n, tokenAnswers.size() - 1));
                }
                apiTokens.add(String.valueOf(request.getHeaders().get("Authorization")));
                return new MockResponse.Builder().code(apiStatus).body("{}").build();
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        logs = new LogCapture();
    }

    @AfterEach
    void stop() {
        logs.close();
        server.close();
        assertThat(logs.all()).doesNotContain(CLIENT_SECRET).doesNotContain(OLD_REFRESH).doesNotContain("new-refresh-canary");
    }

    private String base() {
        return "http://127.0.0.1:" + server.getPort();
    }

    private Integration integration(String auth, String refresh) {
        String yaml = """
                integrations:
                  acme:
                    oauth_client_id: client-1
                    oauth_client_secret: %s
                    oauth_scopes: [read, write]
                    auth:
                      %s
                      token_url: "%s/oauth/token"
                      refresh: %s
                    requests: {base_url: "%s/api"}
                    retry: {max_attempts: 3, backoff: {initial: PT1S, max: PT4S}}
                """.formatted(CLIENT_SECRET, auth, base(), refresh, base());
        return BlueprintEngine.builder().environment(Map.of()).integrations("integrations.yaml", yaml)
                .clock(time).scheduler(time).credentialStore(store).build().integration("acme");
    }

    private Integration oauth2() {
        return integration("mode: oauth2\n      authorization_url: \"https://auth.example/authorize\"\n      scope_separator: \",\"",
                "{required: true, margin: PT5M, default_access_token_ttl: PT1H, refresh_token_ttl: P14D}");
    }

    private static MockResponse tokens(String access, String refresh, Integer expiresIn) {
        StringBuilder json = new StringBuilder("{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\"");
        if (refresh != null) {
            json.append(",\"refresh_token\":\"").append(refresh).append('"');
        }
        if (expiresIn != null) {
            json.append(",\"expires_in\":").append(expiresIn);
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(json.append('}').toString()).build();
    }

    private static MockResponse error(int status, String code) {
        return new MockResponse.Builder().code(status).body("{\"error\":\"" + code + "\",\"error_description\":\"nope\"}").build();
    }

    private void storeTokens(Integration acme, Duration expiresIn, Instant refreshIssued) {
        acme.saveCredentials("c1", new Credentials.OAuth2Tokens(Secret.of(OLD_ACCESS), Optional.of(Secret.of(OLD_REFRESH)),
                Optional.of(time.instant().plus(expiresIn)), Optional.of(refreshIssued)));
    }

    @Test
    void aFiveMinuteTokenIsNotRenewedByTheNextCallUnderAFiveMinuteMargin() {
        // Keycloak's and Spring Authorization Server's default lifetime: the margin is capped at half of it.
        Integration acme = oauth2();
        tokenAnswers.add(tokens("five-minute-1", "new-refresh-canary-1", 300));
        tokenAnswers.add(tokens("five-minute-2", "new-refresh-canary-2", 300));
        storeTokens(acme, Duration.ofSeconds(-1), time.instant()); // expired: the first call renews
        acme.client("c1").get("/a");
        acme.client("c1").get("/b");
        time.advance(Duration.ofSeconds(149));
        acme.client("c1").get("/c");
        assertThat(tokenRequests).as("renewed once, then used for half its life").hasSize(1);
        time.advance(Duration.ofSeconds(2));
        acme.client("c1").get("/d");
        assertThat(tokenRequests).as("renewed at half its life").hasSize(2);
        assertThat(apiTokens).containsExactly("Bearer five-minute-1", "Bearer five-minute-1", "Bearer five-minute-1",
                "Bearer five-minute-2");
    }

    private static Map<String, String> form(RecordedRequest request) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : request.getBody().utf8().split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return fields;
    }

    private Credentials.OAuth2Tokens stored() {
        return (Credentials.OAuth2Tokens) store.load("acme", "c1").orElseThrow().credentials();
    }

    @Test
    void tokenExpiringWithinTheMarginIsRefreshedBeforeTheCall() {
        Integration acme = oauth2();
        storeTokens(acme, Duration.ofMinutes(2), time.instant());
        tokenAnswers.add(tokens("new-access", "new-refresh-canary", 3600));
        acme.client("c1").get("/me");
        assertThat(tokenRequests).singleElement().satisfies(r -> assertThat(form(r))
                .containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", OLD_REFRESH)
                .containsEntry("client_id", "client-1").containsEntry("client_secret", CLIENT_SECRET));
        assertThat(apiTokens).containsExactly("Bearer new-access");
        assertThat(stored().refreshToken()).contains(Secret.of("new-refresh-canary")); // rotated token persisted
        assertThat(stored().expiresAt()).contains(time.instant().plusSeconds(3600));
    }

    @Test
    void validTokenIsUsedWithoutARefresh() {
        Integration acme = oauth2();
        storeTokens(acme, Duration.ofMinutes(30), time.instant());
        acme.client("c1").get("/me");
        assertThat(tokenRequests).isEmpty();
        assertThat(apiTokens).containsExactly("Bearer " + OLD_ACCESS);
    }

    @Test
    void responseWithoutRefreshTokenKeepsTheOldOneAndMissingExpiresInUsesTheDefault() {
        Integration acme = oauth2();
        storeTokens(acme, Duration.ZERO, time.instant());
        tokenAnswers.add(tokens("new-access", null, null));
        acme.client("c1").get("/me");
        assertThat(stored().refreshToken()).contains(Secret.of(OLD_REFRESH));
        assertThat(stored().expiresAt()).contains(time.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void invalidGrantMarksTheConnectionForReauthorization() {
        Integration acme = oauth2();
        storeTokens(acme, Duration.ZERO, time.instant());
        tokenAnswers.add(error(400, "invalid_grant"));
        assertThatThrownBy(() -> acme.client("c1").get("/me"))
                .isInstanceOfSatisfying(ReauthorizationRequiredException.class, e -> {
                    assertThat(e.connectionId()).isEqualTo("c1");
                    assertThat(e.reason()).contains("invalid_grant");
                });
        assertThat(acme.connections()).singleElement().satisfies(c -> assertThat(c.state()).isEqualTo(ConnectionStatus.State.NEEDS_REAUTHORIZATION));
        assertThatThrownBy(() -> acme.client("c1").get("/me")).isInstanceOf(ReauthorizationRequiredException.class);
        assertThat(tokenRequests).hasSize(1); // marked: no further token requests
        assertThat(apiTokens).isEmpty();
    }

    @Test
    void refreshTokenOlderThanItsTtlNeedsTheUserWithoutAskingTheProvider() {
        Integration acme = oauth2();
        storeTokens(acme, Duration.ZERO, time.instant().minus(Duration.ofDays(15)));
        assertThatThrownBy(() -> acme.client("c1").get("/me"))
                .isInstanceOfSatisfying(ReauthorizationRequiredException.class, e -> assertThat(e.reason()).contains("P14D"));
        assertThat(tokenRequests).isEmpty();
    }

    @Test
    void unauthorizedRefreshesOnceAndNeverLoops() {
        Integration acme = oauth2();
        storeTokens(acme, Duration.ofMinutes(30), time.instant());
        tokenAnswers.add(tokens("new-access", "new-refresh-canary", 3600));
        apiStatus = 401;
        assertThatThrownBy(() -> acme.client("c1").get("/me"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(tokenRequests).hasSize(1);
        assertThat(apiTokens).containsExactly("Bearer " + OLD_ACCESS, "Bearer new-access");
    }

    @Test
    void unauthorizedThenSuccessWithTheRefreshedToken() {
        Integration acme = oauth2();
        storeTokens(acme, Duration.ofMinutes(30), time.instant());
        tokenAnswers.add(tokens("new-access", "new-refresh-canary", 3600));
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().equals("/oauth/token")) {
                    tokenRequests.add(request);
                    return tokenAnswers.get(0);
                }
                String auth = String.valueOf(request.getHeaders().get("Authorization"));
                apiTokens.add(auth);
                return new MockResponse.Builder().code(auth.contains("new-access") ? 200 : 401).body("{}").build();
            }
        });
        assertThat(acme.client("c1").get("/me").statusCode()).isEqualTo(200);
        assertThat(tokenRequests).hasSize(1);
    }

    @Test
    void concurrentCallersOnAnExpiredTokenCauseOneTokenRequest() throws Exception {
        Integration acme = oauth2();
        storeTokens(acme, Duration.ZERO, time.instant());
        tokenAnswers.add(tokens("new-access", "new-refresh-canary", 3600));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> acme.client("c1").get("/me").statusCode(), pool));
        }
        for (CompletableFuture<Integer> call : calls) {
            assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        }
        pool.shutdown();
        assertThat(tokenRequests).hasSize(1);
        assertThat(apiTokens).hasSize(50).allMatch(t -> t.equals("Bearer new-access"));
    }

    @Test
    void transientTokenEndpointFailuresAreRetried() {
        Integration acme = oauth2();
        storeTokens(acme, Duration.ZERO, time.instant());
        tokenAnswers.add(new MockResponse.Builder().code(500).body("oops").build());
        tokenAnswers.add(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").body("{}").build());
        tokenAnswers.add(tokens("new-access", "new-refresh-canary", 3600));
        assertThat(acme.client("c1").get("/me").statusCode()).isEqualTo(200);
        assertThat(tokenRequests).hasSize(3);
        assertThat(time.waits()).contains(Duration.ofSeconds(3));
    }

    @Test
    void malformedTokenResponseIsATypedError() {
        Integration acme = oauth2();
        storeTokens(acme, Duration.ZERO, time.instant());
        tokenAnswers.add(new MockResponse.Builder().code(200).body("{not json").build());
        assertThatThrownBy(() -> acme.client("c1").get("/me"))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo("invalid_token_response"));
        assertThat(stored().accessToken()).isEqualTo(Secret.of(OLD_ACCESS)); // nothing lost
    }

    @Test
    void stalledTokenEndpointTimesOutAfterRetriesAndKeepsTheStoredTokens() {
        String yaml = """
                integrations:
                  acme:
                    oauth_client_id: client-1
                    oauth_client_secret: %s
                    auth: {mode: oauth2, authorization_url: "https://auth.example/authorize", token_url: "%s/oauth/token"}
                    requests: {base_url: "%s/api", timeout: PT0.3S}
                    retry: {max_attempts: 2}
                """.formatted(CLIENT_SECRET, base(), base());
        Integration acme = BlueprintEngine.builder().environment(Map.of()).integrations("integrations.yaml", yaml)
                .clock(time).scheduler(time).credentialStore(store).build().integration("acme");
        storeTokens(acme, Duration.ZERO, time.instant());
        tokenAnswers.add(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        assertThatThrownBy(() -> acme.client("c1").get("/me"))
                .isInstanceOfSatisfying(RequestFailedException.class, e -> assertThat(e.code()).isEqualTo("timeout"));
        assertThat(tokenCalls.get()).isEqualTo(2);
        assertThat(stored().refreshToken()).contains(Secret.of(OLD_REFRESH));
        assertThat(apiTokens).isEmpty();
    }

    @Test
    void connectionResetAtTheTokenEndpointIsRetried() {
        Integration acme = oauth2();
        storeTokens(acme, Duration.ZERO, time.instant());
        tokenAnswers.add(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        tokenAnswers.add(tokens("new-access", "new-refresh-canary", 3600));
        assertThat(acme.client("c1").get("/me").statusCode()).isEqualTo(200);
        assertThat(tokenCalls.get()).isEqualTo(2);
        assertThat(apiTokens).containsExactly("Bearer new-access");
    }

    @Test
    void clientCredentialsFetchesATokenWithBasicClientAuthentication() {
        Integration acme = integration("mode: oauth2_client_credentials\n      token_request_auth: client_secret_basic",
                "{margin: PT1M}");
        tokenAnswers.add(tokens("cc-access", null, 600));
        acme.client("service").get("/things");
        acme.client("service").get("/things");
        assertThat(tokenRequests).singleElement().satisfies(r -> {
            assertThat(form(r)).containsEntry("grant_type", "client_credentials").containsEntry("scope", "read write")
                    .doesNotContainKey("client_secret");
            String basic = "Basic " + Base64.getEncoder().encodeToString(("client-1:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            assertThat(r.getHeaders().get("Authorization")).isEqualTo(basic);
        });
        assertThat(apiTokens).containsExactly("Bearer cc-access", "Bearer cc-access");
        time.advance(Duration.ofMinutes(10));
        acme.client("service").get("/things");
        assertThat(tokenRequests).hasSize(2);
    }

    @Test
    void authorizationCodeFlowWithPkce() throws Exception {
        Integration acme = oauth2();
        AuthorizationRequest request = acme.startAuthorization("c1", URI.create("http://127.0.0.1:9999/callback"));
        Map<String, String> query = query(request.url());
        assertThat(request.url().toString()).startsWith("https://auth.example/authorize?");
        assertThat(query).containsEntry("response_type", "code").containsEntry("client_id", "client-1")
                .containsEntry("redirect_uri", "http://127.0.0.1:9999/callback").containsEntry("scope", "read,write")
                .containsEntry("state", request.state()).containsEntry("code_challenge_method", "S256");
        tokenAnswers.add(tokens("first-access", "new-refresh-canary", 3600));
        assertThat(acme.completeAuthorization(Map.of("code", "auth-code-canary", "state", request.state()))).isEqualTo("c1");
        Map<String, String> exchange = form(tokenRequests.get(0));
        assertThat(exchange).containsEntry("grant_type", "authorization_code").containsEntry("code", "auth-code-canary")
                .containsEntry("redirect_uri", "http://127.0.0.1:9999/callback");
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(exchange.get("code_verifier").getBytes(StandardCharsets.US_ASCII)));
        assertThat(challenge).isEqualTo(query.get("code_challenge"));
        acme.client("c1").get("/me");
        assertThat(apiTokens).containsExactly("Bearer first-access");
        assertThat(logs.all()).doesNotContain("auth-code-canary");
    }

    @Test
    void callbackStateIsCheckedOnceAndExpires() {
        Integration acme = oauth2();
        tokenAnswers.add(tokens("first-access", "r", 3600));
        AuthorizationRequest request = acme.startAuthorization("c1", URI.create("http://127.0.0.1:9999/callback"));
        assertThatThrownBy(() -> acme.completeAuthorization(Map.of("code", "x", "state", "forged")))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo("invalid_state"));
        acme.completeAuthorization(Map.of("code", "x", "state", request.state()));
        assertThatThrownBy(() -> acme.completeAuthorization(Map.of("code", "x", "state", request.state())))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo("invalid_state"));
        AuthorizationRequest late = acme.startAuthorization("c2", URI.create("http://127.0.0.1:9999/callback"));
        time.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> acme.completeAuthorization(Map.of("code", "x", "state", late.state())))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.getMessage()).contains("expired"));
        assertThat(tokenRequests).hasSize(1);
    }

    @Test
    void providerErrorsSurfaceWithTheirCode() {
        Integration acme = oauth2();
        AuthorizationRequest request = acme.startAuthorization("c1", URI.create("http://127.0.0.1:9999/callback"));
        assertThatThrownBy(() -> acme.completeAuthorization(Map.of("error", "access_denied", "state", request.state(),
                "error_description", "The user said no")))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.code()).isEqualTo("access_denied");
                    assertThat(e.getMessage()).contains("The user said no");
                });
        AuthorizationRequest another = acme.startAuthorization("c1", URI.create("http://127.0.0.1:9999/callback"));
        assertThatThrownBy(() -> acme.completeAuthorization(Map.of("state", another.state())))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo("invalid_request"));
    }

    @Test
    void refusedCodeExchangeSurfacesTheProvidersCode() {
        Integration acme = oauth2();
        tokenAnswers.add(error(400, "invalid_grant"));
        AuthorizationRequest request = acme.startAuthorization("c1", URI.create("http://127.0.0.1:9999/callback"));
        assertThatThrownBy(() -> acme.completeAuthorization(Map.of("code", "stale", "state", request.state())))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo("invalid_grant"));
        assertThat(store.load("acme", "c1")).isEmpty();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void aTokenPrefixReplacesBearerInTheAuthorizationHeader() {
        Integration acme = integration("mode: oauth2\n      authorization_url: \"https://auth.example/authorize\"\n      token_prefix: \"Zoho-oauthtoken \"",
                "{margin: PT5M}");
        storeTokens(acme, Duration.ofMinutes(30), time.instant());
        acme.client("c1").get("/me");
        assertThat(apiTokens).containsExactly("Zoho-oauthtoken " + OLD_ACCESS);
    }
}
