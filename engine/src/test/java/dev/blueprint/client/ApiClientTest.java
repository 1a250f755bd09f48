package dev.blueprint.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.ApiClient;
import dev.blueprint.ApiException;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.MissingCredentialsException;
import dev.blueprint.RateLimitExceededException;
import dev.blueprint.RequestFailedException;
import dev.blueprint.RetriesExhaustedException;
import dev.blueprint.testing.LogCapture;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The request pipeline against a real local HTTP server, asserting both what it received and what callers see. */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // a hang guard
class ApiClientTest {
    private static final String TOKEN = "bearer-token-canary-7731";
    private static final String API_KEY = "api-key-canary-5521";

    /** Every scenario runs through the synchronous and the asynchronous path. */
    enum Mode {
        SYNC(request -> request.send()),
        ASYNC(request -> {
            try {
                return request.sendAsync().join();
            } catch (CompletionException e) {
                throw (RuntimeException) e.getCause();
            }
        });

        final Function<dev.blueprint.ApiRequest, HttpResponse<String>> send;

        Mode(Function<dev.blueprint.ApiRequest, HttpResponse<String>> send) {
            this.send = send;
        }
    }

    private TestServer test;
    private LogCapture logs;

    @BeforeEach
    void start() throws IOException {
        test = new TestServer();
        logs = new LogCapture();
    }

    @AfterEach
    void stop() {
        logs.close();
        test.close();
        assertThat(logs.all()).doesNotContain(TOKEN).doesNotContain(API_KEY).doesNotContain("client-secret-canary-0001");
    }

    private ApiClient bearerClient() {
        Integration acme = test.acme("{mode: bearer}", "");
        acme.saveCredentials("c1", Credentials.bearer(TOKEN));
        return acme.client("c1");
    }

    private void enqueue(int status, String... headers) {
        MockResponse.Builder response = new MockResponse.Builder().code(status).body("{\"ok\":" + (status < 400) + "}");
        for (int i = 0; i < headers.length; i += 2) {
            response.addHeader(headers[i], headers[i + 1]);
        }
        test.server.enqueue(response.build());
    }

    private RecordedRequest take() throws InterruptedException {
        return test.server.takeRequest(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void getSendsAuthDefaultHeadersAndEncodedQuery(Mode mode) throws InterruptedException {
        enqueue(200);
        HttpResponse<String> response = mode.send.apply(bearerClient().request("GET", "/prospects").query("filter[name]", "a b&c"));
        assertThat(response.statusCode()).isEqualTo(200);
        RecordedRequest received = take();
        assertThat(received.getUrl().encodedPath()).isEqualTo("/api/prospects");
        assertThat(received.getUrl().queryParameter("filter[name]")).isEqualTo("a b&c");
        assertThat(received.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(received.getHeaders().get("Accept")).isEqualTo("application/json");
    }

    @Test
    void postSendsJsonAndBasicAuth() throws InterruptedException {
        Integration acme = test.acme("{mode: basic}", "");
        acme.saveCredentials("c1", Credentials.basic("ann", "pw-canary-99"));
        enqueue(201);
        assertThat(acme.client("c1").post("/items", "{\"a\":1}").statusCode()).isEqualTo(201);
        RecordedRequest received = take();
        assertThat(received.getMethod()).isEqualTo("POST");
        assertThat(received.getBody().utf8()).isEqualTo("{\"a\":1}");
        assertThat(received.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(received.getHeaders().get("Authorization")).isEqualTo("Basic YW5uOnB3LWNhbmFyeS05OQ==");
    }

    @Test
    void apiKeyInQueryIsSentAndRedactedInLogs() throws InterruptedException {
        Integration acme = test.acme("{mode: api_key, in: query, name: api_key}", "");
        acme.saveCredentials("c1", Credentials.apiKey(API_KEY));
        enqueue(200);
        HttpResponse<String> response = acme.client("c1").get("/things", Map.of("code", "oauth-code-canary", "page", "2"));
        assertThat(take().getUrl().queryParameter("api_key")).isEqualTo(API_KEY);
        assertThat(response.toString()).as("responses get printed too").contains("api_key=██").doesNotContain(API_KEY);
        assertThat(response.uri().getQuery()).as("the URI itself is untouched").contains(API_KEY);
        assertThat(logs.all()).contains("api_key=██").contains("code=██").contains("page=2").doesNotContain("oauth-code-canary");
    }

    @Test
    void apiKeyInHeaderWithPrefix() throws InterruptedException {
        Integration acme = test.acme("{mode: api_key, in: header, name: X-Api-Key, prefix: 'Token '}", "");
        acme.saveCredentials("c1", Credentials.apiKey(API_KEY));
        enqueue(200);
        acme.client("c1").get("/things");
        assertThat(take().getHeaders().get("X-Api-Key")).isEqualTo("Token " + API_KEY);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void throttledRequestWaitsForRetryAfterThenSucceeds(Mode mode) {
        enqueue(429, "retry-after", "7");
        enqueue(200);
        HttpResponse<String> response = mode.send.apply(bearerClient().request("GET", "/x"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(test.server.getRequestCount()).isEqualTo(2);
        assertThat(test.time.waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void throttledPostIsRetriedBecauseA429WasNotProcessed() {
        enqueue(429, "retry-after", "1");
        enqueue(201);
        assertThat(bearerClient().post("/x", "{}").statusCode()).isEqualTo(201);
        assertThat(test.server.getRequestCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void waitBeyondMaxWaitFailsFastWithTheResetTime(Mode mode) {
        enqueue(429, "retry-after", "3600");
        Instant start = test.time.instant();
        assertThatThrownBy(() -> mode.send.apply(bearerClient().request("GET", "/x")))
                .isInstanceOfSatisfying(RateLimitExceededException.class, e -> {
                    assertThat(e.resetAt()).isEqualTo(start.plusSeconds(3600));
                    assertThat(e.code()).isEqualTo("rate_limited");
                });
        assertThat(test.server.getRequestCount()).isEqualTo(1);
        assertThat(test.time.waits()).isEmpty();
    }

    @Test
    void remainingZeroMakesTheNextRequestWaitForTheResetInsteadOfProvokingA429() throws InterruptedException {
        long reset = test.time.instant().plusSeconds(30).getEpochSecond();
        enqueue(200, "x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(reset));
        enqueue(200, "x-ratelimit-remaining", "99", "x-ratelimit-reset", Long.toString(reset + 60));
        ApiClient client = bearerClient();
        client.get("/a");
        client.get("/b");
        assertThat(test.time.waits()).containsExactly(Duration.ofSeconds(30));
        assertThat(test.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void pacingIsSharedByEveryClientOfTheConnection() {
        long reset = test.time.instant().plusSeconds(20).getEpochSecond();
        enqueue(200, "x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(reset));
        enqueue(200);
        Integration acme = test.acme("{mode: bearer}", "");
        acme.saveCredentials("c1", Credentials.bearer(TOKEN));
        acme.client("c1").get("/a");
        acme.client("c1").get("/b");
        assertThat(test.time.waits()).containsExactly(Duration.ofSeconds(20));
    }

    @Test
    void forbiddenWithRemainingZeroIsARateLimitButPlainForbiddenIsAnError() {
        long reset = test.time.instant().plusSeconds(15).getEpochSecond();
        enqueue(403, "x-ratelimit-remaining", "0", "x-ratelimit-reset", Long.toString(reset));
        enqueue(200);
        assertThat(bearerClient().get("/x").statusCode()).isEqualTo(200);
        assertThat(test.time.waits()).containsExactly(Duration.ofSeconds(15));

        enqueue(403, "x-ratelimit-remaining", "10");
        assertThatThrownBy(() -> bearerClient().get("/y"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(test.server.getRequestCount()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void serviceUnavailableIsRetriedWithBackoff(Mode mode) {
        enqueue(503);
        enqueue(503);
        enqueue(200);
        assertThat(mode.send.apply(bearerClient().request("GET", "/x")).statusCode()).isEqualTo(200);
        assertThat(test.time.waits()).hasSize(2);
        assertThat(test.time.waits().get(0)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
        assertThat(test.time.waits().get(1)).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void retriesExhaustedCarriesAttemptsAndTheLastCause(Mode mode) {
        enqueue(503);
        enqueue(502);
        enqueue(504);
        assertThatThrownBy(() -> mode.send.apply(bearerClient().request("GET", "/x")))
                .isInstanceOfSatisfying(RetriesExhaustedException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(3);
                    assertThat(e.getCause()).isInstanceOfSatisfying(ApiException.class, last -> assertThat(last.status()).isEqualTo(504));
                });
        assertThat(test.server.getRequestCount()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void stalledSocketTimesOutAndIsRetriedForGet(Mode mode) {
        test.server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        enqueue(200);
        assertThat(mode.send.apply(bearerClient().request("GET", "/x").timeout(Duration.ofMillis(300))).statusCode()).isEqualTo(200);
        assertThat(test.server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void postIsNotRetriedOnTimeoutByDefault() {
        test.server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        enqueue(200);
        assertThatThrownBy(() -> bearerClient().request("POST", "/x").json("{}").timeout(Duration.ofMillis(300)).send())
                .isInstanceOfSatisfying(RequestFailedException.class, e -> assertThat(e.code()).isEqualTo("timeout"));
        assertThat(test.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void connectionResetIsRetriedForGet() {
        test.server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseSocket()).build());
        enqueue(200);
        assertThat(bearerClient().get("/x").statusCode()).isEqualTo(200);
    }

    @Test
    void errorBodiesAreRedactedInExceptions() {
        test.server.enqueue(new MockResponse.Builder().code(400)
                .body("{\"error\":\"bad\",\"access_token\":\"leaked-" + TOKEN + "\",\"echo\":\"" + TOKEN + "\"}").build());
        assertThatThrownBy(() -> bearerClient().get("/x"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.bodyExcerpt()).contains("\"error\":\"bad\"").doesNotContain(TOKEN);
                    assertThat(e.getMessage()).doesNotContain(TOKEN).contains("acme/c1 GET http://127.0.0.1");
                });
    }

    @Test
    void sensitiveHeadersAreMaskedInTraceLogs() {
        Integration acme = test.acme("{mode: api_key, in: header, name: X-Partner-Key}", "");
        acme.saveCredentials("c1", Credentials.apiKey(API_KEY));
        enqueue(200);
        acme.client("c1").request("GET", "/x")
                .header("Authorization", "Bearer " + TOKEN).header("Cookie", "session=" + TOKEN)
                .header("X-Auth-Token", TOKEN).header("X-Request-Id", "req-7").send();
        String trace = logs.lines().stream().filter(l -> l.contains("headers=")).findFirst().orElseThrow();
        assertThat(trace).contains("Authorization: ██").contains("Cookie: ██").contains("X-Auth-Token: ██")
                .contains("X-Partner-Key: ██").contains("X-Request-Id: req-7").contains("Accept: application/json");
    }

    @Test
    void everyAttemptIsLoggedOnceWithoutSecrets() {
        enqueue(503);
        enqueue(200);
        bearerClient().get("/x?access_token=" + TOKEN);
        assertThat(logs.lines().stream().filter(l -> !l.contains("headers="))).hasSize(2);
        assertThat(logs.lines().stream().filter(l -> !l.contains("headers=")).toList().get(0)).contains("integration=acme connection=c1 method=GET")
                .contains("access_token=██").contains("status=503").contains("attempt=1");
        assertThat(logs.lines().stream().filter(l -> !l.contains("headers=")).toList().get(1)).contains("status=200").contains("attempt=2");
    }

    @Test
    void declaredBudgetPacesRequests() {
        test.rateLimitExtra = "      budget: {requests: 2, per: PT10S}\n";
        Integration acme = test.acme("{mode: bearer}", "");
        acme.saveCredentials("c1", Credentials.bearer(TOKEN));
        for (int i = 0; i < 3; i++) {
            enqueue(200);
        }
        ApiClient client = acme.client("c1");
        client.get("/1");
        client.get("/2");
        client.get("/3");
        assertThat(test.time.waits()).containsExactly(Duration.ofSeconds(10));
    }

    @Test
    void streamingBodies() throws IOException {
        test.server.enqueue(new MockResponse.Builder().code(200).body("streamed").build());
        HttpResponse<InputStream> response = bearerClient().request("GET", "/file").stream();
        try (InputStream body = response.body()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("streamed");
        }
    }

    @Test
    void missingCredentialsAreATypedErrorBeforeAnyRequest() {
        Integration acme = test.acme("{mode: bearer}", "");
        assertThatThrownBy(() -> acme.client("nobody").get("/x"))
                .isInstanceOf(MissingCredentialsException.class)
                .hasMessage("[missing_credentials] connection 'nobody' of integration 'acme' has no stored credentials; "
                        + "auth mode bearer needs a bearer token");
        assertThat(test.server.getRequestCount()).isZero();
    }

    @Test
    void absolutePathToAnotherHostIsRefused() {
        assertThatThrownBy(() -> bearerClient().get("https://evil.example/steal"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relative");
        assertThatThrownBy(() -> bearerClient().get("//evil.example/steal")).isInstanceOf(IllegalArgumentException.class);
        assertThat(test.server.getRequestCount()).isZero();
    }

    @Test
    void connectionConfigIsRenderedIntoTheBaseUrlAndChecked() throws InterruptedException {
        String yaml = "    connection_config:\n      tenant: {pattern: \"[a-z]+\"}\n";
        Integration acme = test.acme("{mode: bearer}", yaml.replace("connection_config", "connection_config"));
        assertThatThrownBy(() -> acme.saveCredentials("c1", Credentials.bearer(TOKEN), Map.of("tenant", "evil.com/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("connection_config.tenant must match [a-z]+ in full");
        assertThatThrownBy(() -> acme.saveCredentials("c1", Credentials.bearer(TOKEN), Map.of("tenat", "x")))
                .hasMessageContaining("declared: tenant");
    }
}
