package dev.blueprint.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.Secret;
import dev.blueprint.observe.CallInfo;
import dev.blueprint.observe.CallResult;
import dev.blueprint.observe.CallScope;
import dev.blueprint.observe.EngineObserver;
import dev.blueprint.observe.InterceptedRequest;
import dev.blueprint.observe.InterceptedResponse;
import dev.blueprint.observe.Interceptor;
import dev.blueprint.observe.TokenRequestInfo;
import dev.blueprint.observe.TokenScope;
import dev.blueprint.observe.WaitScope;
import dev.blueprint.store.InMemoryCredentialStore;
import dev.blueprint.testing.VirtualTime;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What observers and interceptors hear, in order, for retries, throttling, pacing, token requests and failures. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ObserverAndInterceptorTest {
    private final MockWebServer server = new MockWebServer();
    private final VirtualTime time = new VirtualTime();
    private final List<String> heard = new CopyOnWriteArrayList<>();

    /** Writes down every event as a line, so a test compares the whole story. */
    private final EngineObserver recorder = new EngineObserver() {
        @Override
        public CallScope callStarted(CallInfo call) {
            heard.add("call " + call.integration() + " " + call.method());
            return new CallScope() {
                @Override
                public void retrying(int attempt, RetryReason reason, Duration delay) {
                    heard.add("retry after attempt " + attempt + " " + reason + " in " + delay);
                }

                @Override
                public WaitScope waiting(WaitKind kind, Duration planned) {
                    heard.add("wait " + kind + " " + planned);
                    return () -> heard.add("waited " + kind);
                }

                @Override
                public void finished(CallResult result) {
                    heard.add("finished " + result.statusClass() + " " + result.outcome() + " after " + result.attempts());
                }
            };
        }

        @Override
        public TokenScope tokenRequestStarted(TokenRequestInfo request) {
            heard.add("token " + request.grant());
            return result -> heard.add("token " + result);
        }
    };

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Integration integration(String auth, Interceptor... interceptors) {
        String yaml = """
                integrations:
                  crm:
                    oauth_client_id: id-1
                    oauth_client_secret: secret-1
                    auth: %s
                    requests: {base_url: "http://127.0.0.1:%d/api"}
                    rate_limit: {retry_after: [Retry-After]}
                    retry: {max_attempts: 3, on_status: [503], backoff: {initial: PT2S, max: PT2S, jitter: 0}}
                """.formatted(auth, server.getPort());
        BlueprintEngine.Builder builder = BlueprintEngine.builder().environment(Map.of()).integrations("i.yaml", yaml)
                .clock(time).scheduler(time).credentialStore(new InMemoryCredentialStore()).observer(recorder);
        for (Interceptor interceptor : interceptors) {
            builder.interceptor(interceptor);
        }
        return builder.build().integration("crm");
    }

    private static MockResponse status(int code, String... headers) {
        MockResponse.Builder response = new MockResponse.Builder().code(code).body("{}");
        for (int i = 0; i < headers.length; i += 2) {
            response.addHeader(headers[i], headers[i + 1]);
        }
        return response.build();
    }

    @Test
    void retriesThrottlingAndTheirWaitsAreHeardInOrder() {
        Integration crm = integration("{mode: bearer}");
        crm.saveCredentials("c1", Credentials.bearer("t"));
        server.enqueue(status(503));
        server.enqueue(status(429, "Retry-After", "5"));
        server.enqueue(status(200));
        crm.client("c1").get("/items");
        assertThat(heard).containsExactly(
                "call crm GET",
                "retry after attempt 1 ERROR_STATUS in PT2S", "wait BACKOFF PT2S", "waited BACKOFF",
                "retry after attempt 2 THROTTLED in PT0S", "wait PACING PT5S", "waited PACING",
                "finished 2xx SUCCESS after 3");
    }

    @Test
    void aFailedCallIsHeardWithItsOutcome() {
        Integration crm = integration("{mode: bearer}");
        crm.saveCredentials("c1", Credentials.bearer("t"));
        server.enqueue(status(404));
        assertThatThrownBy(() -> crm.client("c1").get("/missing")).hasMessageContaining("404");
        assertThat(heard).containsExactly("call crm GET", "finished 4xx CLIENT_ERROR after 1");
    }

    @Test
    void tokenRequestsAreHeardWithTheirGrantAndResult() {
        Integration crm = integration("{mode: oauth2, authorization_url: \"https://auth.example/a\", token_url: \"http://127.0.0.1:"
                + server.getPort() + "/token\"}");
        crm.saveCredentials("c1", new Credentials.OAuth2Tokens(Secret.of("old"), Optional.of(Secret.of("refresh")),
                Optional.of(time.instant().minusSeconds(1)), Optional.empty()));
        server.enqueue(status(400).newBuilder().body("{\"error\":\"invalid_grant\"}").build());
        assertThatThrownBy(() -> crm.client("c1").get("/items")).hasMessageContaining("authorize");
        assertThat(heard).containsExactly("call crm GET", "token refresh_token", "token REAUTHORIZATION_REQUIRED",
                "finished NONE CREDENTIALS after 1");
    }

    @Test
    void interceptorsAddHeadersAndSeeEachAttemptInOrderAndReverse() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Interceptor tracing = new Interceptor() {
            @Override
            public void beforeAttempt(InterceptedRequest request) {
                seen.add("tracing out " + request.attempt());
                request.setHeader("X-Request-Id", "req-" + request.attempt());
            }

            @Override
            public void afterAttempt(InterceptedRequest request, InterceptedResponse response) {
                seen.add("tracing back " + response.status().orElse(0));
            }
        };
        Interceptor timing = new Interceptor() {
            @Override
            public void beforeAttempt(InterceptedRequest request) {
                seen.add("timing out " + request.header("X-Request-Id").orElse("-") + " auth=" + request.header("Authorization").isPresent()
                        + " url=" + request.url());
            }

            @Override
            public void afterAttempt(InterceptedRequest request, InterceptedResponse response) {
                seen.add("timing back " + response.duration());
            }
        };
        Integration crm = integration("{mode: api_key, in: query, name: key}", tracing, timing);
        crm.saveCredentials("c1", Credentials.apiKey("key-canary-9"));
        server.enqueue(status(503));
        server.enqueue(status(200));
        crm.client("c1").get("/items");
        assertThat(seen).containsExactly(
                "tracing out 1", "timing out req-1 auth=false url=http://127.0.0.1:" + server.getPort() + "/api/items?key=██",
                "timing back PT0S", "tracing back 503",
                "tracing out 2", "timing out req-2 auth=false url=http://127.0.0.1:" + server.getPort() + "/api/items?key=██",
                "timing back PT0S", "tracing back 200");
        RecordedRequest first = server.takeRequest();
        assertThat(first.getHeaders().get("X-Request-Id")).isEqualTo("req-1");
        assertThat(server.takeRequest().getHeaders().get("X-Request-Id")).isEqualTo("req-2");
    }

    @Test
    void anInterceptorThatThrowsFailsTheAttemptAndNothingIsSent() {
        Interceptor broken = new Interceptor() {
            @Override
            public void beforeAttempt(InterceptedRequest request) {
                request.setHeader("X-Bad", "a\r\nInjected: yes");
            }
        };
        Integration crm = integration("{mode: bearer}", broken);
        crm.saveCredentials("c1", Credentials.bearer("t"));
        assertThatThrownBy(() -> crm.client("c1").get("/items")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain line breaks");
        assertThat(server.getRequestCount()).isZero();
        assertThat(heard).last().asString().startsWith("finished NONE REFUSED");
    }
}
