package dev.blueprint.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.model.ResetFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulator's own behaviour, through plain HTTP: OAuth, credentials, rate-limit headers, faults. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxTest {
    private final ManualTime time = new ManualTime();
    private final Blueprint outreach = BlueprintEngine.builder().environment(Map.of()).build().catalog()
            .blueprint(BlueprintRef.parse("outreach:v0"));
    private final Sandbox sandbox = Sandbox.of(outreach, SandboxOptions.defaults().withRateLimit(2, Duration.ofSeconds(10))
            .withAccessTokenTtl(Duration.ofMinutes(5)).withClock(time), 0);
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUri() + path)).timeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&client_id=" + Sandbox.CLIENT_ID + "&client_secret=" + Sandbox.CLIENT_SECRET))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String code(String challenge) throws Exception {
        HttpResponse<String> consent = get("/oauth/authorize?response_type=code&client_id=" + Sandbox.CLIENT_ID
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&state=s1" + (challenge == null ? "" : "&code_challenge=" + challenge
                + "&code_challenge_method=S256"));
        assertThat(consent.statusCode()).isEqualTo(302);
        Map<String, String> params = Sandbox.params(URI.create(consent.headers().firstValue("location").orElseThrow()).getRawQuery());
        assertThat(params).containsEntry("state", "s1");
        return params.get("code");
    }

    private static String field(String json, String name) {
        var matcher = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        return matcher.find() ? matcher.group(1) : null;
    }

    @Test
    void codeExchangeChecksPkceAndIsSingleUse() throws Exception {
        String verifier = "a-verifier-that-is-long-enough-for-rfc-7636-0123456789";
        String code = code(Sandbox.challenge(verifier));
        assertThat(token("grant_type=authorization_code&code=" + code + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&code_verifier=wrong")
                .body()).contains("invalid_grant");
        String second = code(Sandbox.challenge(verifier));
        HttpResponse<String> ok = token("grant_type=authorization_code&code=" + second
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&code_verifier=" + verifier);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"expires_in\":300").contains("refresh_token");
        assertThat(token("grant_type=authorization_code&code=" + second + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&code_verifier="
                + verifier).body()).contains("invalid_grant");
    }

    @Test
    void refreshRotatesAndRefusesTheOldTokenAndTokensExpire() throws Exception {
        String tokens = token("grant_type=authorization_code&code=" + code(null) + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb").body();
        String access = field(tokens, "access_token");
        String refresh = field(tokens, "refresh_token");
        assertThat(get("/api/me", "Authorization", "Bearer " + access).statusCode()).isEqualTo(200);
        time.advance(Duration.ofMinutes(5));
        assertThat(get("/api/me", "Authorization", "Bearer " + access).statusCode()).isEqualTo(401);
        String renewed = token("grant_type=refresh_token&refresh_token=" + refresh).body();
        assertThat(field(renewed, "refresh_token")).isNotNull().isNotEqualTo(refresh);
        assertThat(token("grant_type=refresh_token&refresh_token=" + refresh).body()).contains("invalid_grant");
        assertThat(sandbox.stats().refreshes()).isEqualTo(1);
        assertThat(sandbox.stats().refusedTokenRequests()).isEqualTo(1);
    }

    @Test
    void rateLimitIsAnnouncedInTheBlueprintsHeadersAndEnforced() throws Exception {
        String access = field(token("grant_type=client_credentials").body(), "access_token");
        HttpResponse<String> first = get("/api/a", "Authorization", "Bearer " + access);
        assertThat(first.headers().firstValue("X-RateLimit-Limit")).contains("2");
        assertThat(first.headers().firstValue("X-RateLimit-Remaining")).contains("1");
        assertThat(first.headers().firstValue("X-RateLimit-Reset")).contains(Long.toString(time.instant().plusSeconds(10).getEpochSecond()));
        get("/api/b", "Authorization", "Bearer " + access);
        HttpResponse<String> third = get("/api/c", "Authorization", "Bearer " + access);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).contains("10");
        assertThat(sandbox.stats().throttled()).isEqualTo(1);
    }

    @Test
    void resetFormatsFollowTheBlueprint() {
        Instant now = Instant.parse("2026-11-28T12:00:00.200Z");
        Instant reset = Instant.parse("2026-11-28T12:00:10Z");
        assertThat(Sandbox.formatReset(ResetFormat.EPOCH_SECONDS, reset, now)).isEqualTo("1795867210");
        assertThat(Sandbox.formatReset(ResetFormat.EPOCH_MILLIS, reset, now)).isEqualTo("1795867210000");
        assertThat(Sandbox.formatReset(ResetFormat.DELTA_SECONDS, reset, now)).isEqualTo("10");
        assertThat(Sandbox.formatReset(ResetFormat.HTTP_DATE, reset, now)).isEqualTo("Sat, 28 Nov 2026 12:00:11 GMT");
    }

    @Test
    void faultsAreInjected() throws Exception {
        String access = field(token("grant_type=client_credentials").body(), "access_token");
        sandbox.faults().failNext(2, 503);
        assertThat(get("/api/x", "Authorization", "Bearer " + access).statusCode()).isEqualTo(503);
        assertThat(get("/api/x", "Authorization", "Bearer " + access).statusCode()).isEqualTo(503);
        // java.net.http repeats a GET once by itself when a reused connection closes, so two resets reach the caller.
        sandbox.faults().resetNext(2);
        assertThatThrownBy(() -> get("/api/x", "Authorization", "Bearer " + access)).isInstanceOf(IOException.class);
        sandbox.faults().stallNext(1);
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/api/x"))
                .header("Authorization", "Bearer " + access).timeout(Duration.ofMillis(300)).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
        assertThat(sandbox.stats().faults()).isEqualTo(5);
    }

    @Test
    void unknownClientsAndTokensAreRefused() throws Exception {
        assertThat(get("/api/x").statusCode()).isEqualTo(401);
        assertThat(get("/api/x", "Authorization", "Bearer forged").statusCode()).isEqualTo(401);
        HttpResponse<String> wrongClient = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=x&client_secret=y")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongClient.statusCode()).isEqualTo(401);
        assertThat(wrongClient.body()).contains("invalid_client");
    }

    private static Blueprint catalog(String ref) {
        return BlueprintEngine.builder().environment(Map.of()).build().catalog().blueprint(BlueprintRef.parse(ref));
    }

    private static HttpResponse<String> send(HttpClient http, URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anApiThatThrottlesInTheBodyIsSimulatedWithItsStatusAndCode() throws Exception {
        try (Sandbox linear = Sandbox.of(catalog("linear:v0"), SandboxOptions.defaults().withRateLimit(1, Duration.ofSeconds(10))
                .withClock(time), 0)) {
            String bearer = "Bearer " + field(clientCredentials(linear).body(), "access_token");
            assertThat(send(http, URI.create(linear.baseUri() + "/api/graphql"), "Authorization", bearer).statusCode()).isEqualTo(200);
            HttpResponse<String> throttled = send(http, URI.create(linear.baseUri() + "/api/graphql"), "Authorization", bearer);
            assertThat(throttled.statusCode()).isEqualTo(400);
            assertThat(throttled.body()).isEqualTo("{\"errors\":[{\"extensions\":{\"code\":\"RATELIMITED\"}}]}");
        }
    }

    @Test
    void aUsedOfLimitCounterIsAnnouncedAsUsedSlashLimit() throws Exception {
        try (Sandbox shopify = Sandbox.of(catalog("shopify:v0"), SandboxOptions.defaults().withRateLimit(40, Duration.ofSeconds(20))
                .withClock(time), 0)) {
            String bearer = "Bearer " + field(clientCredentials(shopify).body(), "access_token");
            send(http, URI.create(shopify.baseUri() + "/api/shop.json"), "Authorization", bearer);
            HttpResponse<String> second = send(http, URI.create(shopify.baseUri() + "/api/shop.json"), "Authorization", bearer);
            assertThat(second.headers().firstValue("X-Shopify-Shop-Api-Call-Limit")).contains("2/40");
        }
    }

    /** A token from the sandbox's token endpoint, which grants client credentials for any OAuth blueprint. */
    private HttpResponse<String> clientCredentials(Sandbox sandbox) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + Sandbox.CLIENT_ID
                        + "&client_secret=" + Sandbox.CLIENT_SECRET)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void valuesLearnedWhileConnectingAreSentWhereTheProviderSendsThem() throws Exception {
        try (Sandbox quickbooks = Sandbox.of(catalog("quickbooks:v0"), SandboxOptions.defaults().withClock(time), 0);
             Sandbox salesforce = Sandbox.of(catalog("salesforce:v0"), SandboxOptions.defaults().withClock(time), 0)) {
            HttpResponse<String> consent = send(http, URI.create(quickbooks.baseUri() + "/oauth/authorize?response_type=code&client_id="
                    + Sandbox.CLIENT_ID + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcb&state=s1"));
            assertThat(Sandbox.params(URI.create(consent.headers().firstValue("location").orElseThrow()).getRawQuery()))
                    .containsEntry("realmId", "9130355553120000").containsEntry("state", "s1");

            assertThat(field(clientCredentials(salesforce).body(), "instance_url")).isEqualTo("https://acme.my.salesforce.com");
        }
    }
}
