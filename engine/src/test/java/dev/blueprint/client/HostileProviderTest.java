package dev.blueprint.client;

import static dev.blueprint.testing.HostileServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.ApiException;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.OAuthException;
import dev.blueprint.RateLimitExceededException;
import dev.blueprint.RequestFailedException;
import dev.blueprint.RetriesExhaustedException;
import dev.blueprint.Secret;
import dev.blueprint.store.InMemoryCredentialStore;
import dev.blueprint.testing.HostileServer;
import dev.blueprint.testing.LogCapture;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Providers that misbehave on purpose (docs/security.md, "a hostile or broken provider"): each call ends within its
 * bound with a typed error or the response, and no secret comes back in any message. Real time: these bound real
 * sockets. Endless and huge bodies are {@code HostileMemoryTest}'s, in a JVM of 64 MiB, where a failing defence
 * ends one child process rather than the test run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileProviderTest {
    private static final String CLIENT_SECRET = "client-secret-canary-4711";
    private static final String REFRESH = "refresh-canary-5813";
    private static final String ACCESS = "access-canary-2137";

    private static BlueprintEngine engine(String yaml, Map<String, String> env) {
        return BlueprintEngine.builder().environment(env).integrations("integrations.yaml", yaml)
                .credentialStore(new InMemoryCredentialStore()).build();
    }

    /**
     * An integration called {@code x}, with {@code auth} and {@code extra} lines (four spaces) under it; a
     * {@code requests} block in {@code extra} replaces the default one.
     */
    private static String integration(String baseUrl, String auth, String extra) {
        return "integrations:\n  x:\n    oauth_client_id: the-client\n    oauth_client_secret: " + CLIENT_SECRET + "\n"
                + "    auth: " + auth + "\n"
                + (extra.contains("    requests:") ? "" : "    requests: {base_url: \"" + baseUrl + "\", timeout: PT1S}\n")
                + "    retry: {max_attempts: 2, backoff: {initial: PT0.1S, max: PT0.2S}, max_elapsed: PT10S}\n"
                + "    rate_limit: {retry_after: [retry-after], reset: {header: x-ratelimit-reset, format: auto}, "
                + "remaining: x-ratelimit-remaining, max_wait: PT5S}\n"
                + extra;
    }

    private static String clientCredentials(HostileServer tokens) {
        return "{mode: oauth2_client_credentials, token_url: \"" + tokens.url("/token") + "\"}";
    }

    /** The call's outcome and how long it took. */
    private record Timed<T>(T value, Duration took) {
    }

    private static <T> Timed<T> timed(Supplier<T> call) {
        long start = System.nanoTime();
        T value = call.get();
        return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
    }

    private static Timed<Throwable> failureOf(Runnable call) {
        return timed(() -> {
            try {
                call.run();
                throw new AssertionError("the call succeeded");
            } catch (RuntimeException e) {
                return e;
            }
        });
    }

    // ---- 1. waits obey max_wait, on the token path too --------------------------------------------------------

    @Test
    void aTokenEndpointAskingForDaysIsRefusedAtOnceNotSleptOn() throws Exception {
        try (HostileServer tokens = new HostileServer((request, out) ->
                     respond(out, 429, "application/json", "{}", "Retry-After", "999999"));
             BlueprintEngine engine = engine(integration("http://127.0.0.1:9/api", clientCredentials(tokens), ""), Map.of())) {
            Timed<Throwable> call = failureOf(() -> engine.integration("x").client("c1").get("/items"));
            assertThat(call.value()).isInstanceOf(RateLimitExceededException.class);
            assertThat(((RateLimitExceededException) call.value()).waitTime()).isGreaterThan(Duration.ofDays(11));
            assertThat(call.took()).as("refused, not slept on").isLessThan(Duration.ofSeconds(5));
            assertThat(tokens.received()).hasSize(1);
        }
    }

    @Test
    void aBodyTricklingInIsCutAtTheDeadlineOfEachAttempt() throws Exception {
        try (HostileServer api = new HostileServer((request, out) -> HostileServer.trickle(out, 1_000, 100));
             BlueprintEngine engine = engine(integration(api.url("/api"), "{mode: bearer}", ""), Map.of())) {
            Integration x = engine.integration("x");
            x.saveCredentials("c1", Credentials.bearer(ACCESS));
            Timed<Throwable> call = failureOf(() -> x.client("c1").get("/items"));
            assertThat(call.value()).isInstanceOfSatisfying(RetriesExhaustedException.class, e -> {
                assertThat(e.attempts()).isEqualTo(2);
                assertThat(e.getCause()).isInstanceOfSatisfying(RequestFailedException.class, last -> assertThat(last.code()).isEqualTo("timeout"));
            });
            // Two attempts of one second each (headers at once, then a byte every 100 ms) and a short backoff.
            assertThat(call.took()).isBetween(Duration.ofMillis(1_900), Duration.ofSeconds(6));
        }
    }

    @Test
    void aTokenAnswerTricklingInIsCutAtTheDeadline() throws Exception {
        try (HostileServer tokens = new HostileServer((request, out) -> HostileServer.trickle(out, 1_000, 100));
             BlueprintEngine engine = engine(integration("http://127.0.0.1:9/api", clientCredentials(tokens), ""), Map.of())) {
            Timed<Throwable> call = failureOf(() -> engine.integration("x").client("c1").get("/items"));
            assertThat(call.value()).isInstanceOfSatisfying(RequestFailedException.class, e -> assertThat(e.code()).isEqualTo("timeout"));
            assertThat(call.took()).isLessThan(Duration.ofSeconds(6));
            assertThat(tokens.received()).as("retried once, as any timeout").hasSize(2);
        }
    }

    @Test
    void aStreamedBodyIsHandedOverAtItsHeadersForTheCallerToBound() throws Exception {
        try (HostileServer api = new HostileServer((request, out) -> HostileServer.trickle(out, 1_000, 100));
             BlueprintEngine engine = engine(integration(api.url("/api"), "{mode: bearer}", ""), Map.of())) {
            Integration x = engine.integration("x");
            x.saveCredentials("c1", Credentials.bearer(ACCESS));
            Timed<HttpResponse<InputStream>> call = timed(() -> x.client("c1").request("GET", "/download").stream());
            try (InputStream body = call.value().body()) {
                assertThat(call.value().statusCode()).isEqualTo(200);
                assertThat(call.took()).isLessThan(Duration.ofSeconds(1));
                assertThat(body.read()).isEqualTo('x');
            }
        }
    }

    // ---- 4. secrets echoed back ---------------------------------------------------------------------------------

    /** Every form a provider might echo a secret in. */
    private static List<String> forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8), Base64.getEncoder().encodeToString(bytes),
                Base64.getEncoder().withoutPadding().encodeToString(bytes), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    private static void assertNoForm(String text, String... secrets) {
        for (String secret : secrets) {
            for (String form : forms(secret)) {
                assertThat(text).as("a form of a secret").doesNotContain(form);
            }
        }
    }

    /** Echoes the token request's form, decoded, and its Authorization header into error_description. */
    private static final HostileServer.Behaviour ECHO_TOKEN_REQUEST = (request, out) -> {
        String echoed = URLDecoder.decode(request.body(), StandardCharsets.UTF_8) + " raw=" + request.body()
                + " auth=" + request.header("authorization");
        respond(out, 400, "application/json", "{\"error\":\"invalid_client\",\"error_description\":\""
                + echoed.replace("\"", "'") + "\"}");
    };

    @Test
    void aTokenEndpointEchoingTheRequestGetsNoSecretIntoTheError() throws Exception {
        try (HostileServer tokens = new HostileServer(ECHO_TOKEN_REQUEST)) {
            String oauth2 = "{mode: oauth2, authorization_url: \"https://auth.example.com/authorize\", token_url: \""
                    + tokens.url("/token") + "\"}";
            for (String auth : List.of(clientCredentials(tokens), oauth2,
                    oauth2.replace("}", ", token_request_auth: client_secret_basic}"))) {
                try (BlueprintEngine engine = engine(integration("http://127.0.0.1:9/api", auth, ""), Map.of())) {
                    Integration x = engine.integration("x");
                    if (auth.contains("mode: oauth2,")) {
                        // A refresh: the stored refresh token goes out, and comes back in the error.
                        x.saveCredentials("c1", new Credentials.OAuth2Tokens(Secret.of(ACCESS), Optional.of(Secret.of(REFRESH)),
                                Optional.of(Instant.now().minusSeconds(60)), Optional.empty()));
                        Throwable refresh = failureOf(() -> x.client("c1").get("/items")).value();
                        assertThat(refresh).as(auth).isInstanceOf(OAuthException.class);
                        assertThat(messages(refresh)).as("the echo is in the message").contains("grant_type");
                        assertNoForm(messages(refresh), CLIENT_SECRET, REFRESH, "the-client:" + CLIENT_SECRET);
                        // A code exchange: the code and the PKCE verifier go out, and come back.
                        var start = x.startAuthorization("c2", URI.create("http://127.0.0.1:1/callback"));
                        Throwable exchange = failureOf(() -> x.completeAuthorization(
                                Map.of("state", start.state(), "code", "code-canary-9876543"))).value();
                        assertThat(exchange).isInstanceOf(OAuthException.class);
                        assertThat(messages(exchange)).as("the echo is in the message").contains("grant_type");
                        String verifier = Sandboxless.parameter(tokens.received().get(tokens.received().size() - 1).body(), "code_verifier");
                        assertThat(verifier).as("the request carried a verifier").isNotEmpty();
                        assertNoForm(messages(exchange), CLIENT_SECRET, "code-canary-9876543", verifier);
                    } else {
                        Throwable failure = failureOf(() -> x.client("c1").get("/items")).value();
                        assertThat(failure).isInstanceOf(OAuthException.class);
                        assertThat(messages(failure)).as("the echo is in the message").contains("grant_type");
                        assertNoForm(messages(failure), CLIENT_SECRET);
                    }
                }
            }
        }
    }

    /** Query-string reading, without the sandbox module. */
    private static final class Sandboxless {
        static String parameter(String form, String name) {
            for (String pair : form.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals(name) && kv.length == 2) {
                    return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                }
            }
            return "";
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    @Test
    void anApiEchoingTheBasicHeaderAndEnvironmentValuesGetsThemMasked() throws Exception {
        String password = "password-canary-31337";
        String envKey = "env-header-canary-27182";
        try (HostileServer api = new HostileServer((request, out) -> respond(out, 400, "text/plain",
                     "you sent: " + request.headers() + " at " + request.target()));
             LogCapture logs = new LogCapture();
             BlueprintEngine engine = engine(integration(api.url("/api"), "{mode: basic}",
                     "    requests:\n      base_url: \"" + api.url("/api") + "\"\n      headers: {X-Partner-Key: \"${PARTNER_KEY}\"}\n"
                             + "      query: {partner: \"${PARTNER_KEY}\"}\n"),
                     Map.of("PARTNER_KEY", envKey))) {
            Integration x = engine.integration("x");
            x.saveCredentials("c1", Credentials.basic("user-canary", password));
            Throwable failure = failureOf(() -> x.client("c1").get("/items")).value();
            assertThat(failure).isInstanceOf(ApiException.class);
            assertThat(((ApiException) failure).bodyExcerpt()).contains("you sent");
            assertNoForm(messages(failure), password, "user-canary:" + password, envKey);
            assertNoForm(String.join("\n", logs.lines()), password, "user-canary:" + password, envKey);
            assertThat(api.received().get(0).header("x-partner-key")).as("the value itself was sent").isEqualTo(envKey);
        }
    }

    // ---- 5. provider numbers --------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}: {1} on a 200")
    @CsvSource({
            "Retry-After, 1e20", "X-RateLimit-Reset, 1e20", "X-RateLimit-Reset, 99999999999999999999999999",
            "RateLimit-Reset, 1e25", "RateLimit, '\"d\";r=0;t=999999999999999'", "X-RateLimit-Remaining, 1e30",
            "X-RateLimit-Remaining, -1e30", "Retry-After, 1e-999999999", "X-RateLimit-Reset, 1e999999999"})
    void anOverflowingNumberOnASuccessIsIgnoredAndThePostSucceeds(String header, String value) throws Exception {
        try (HostileServer api = new HostileServer((request, out) -> respond(out, 200, "application/json", "{\"ok\":true}",
                     header, value));
             BlueprintEngine engine = engine(integration(api.url("/api"), "{mode: bearer}", ""), Map.of())) {
            Integration x = engine.integration("x");
            x.saveCredentials("c1", Credentials.bearer(ACCESS));
            // A POST the provider processed must not be reported as failed because of its headers.
            Timed<HttpResponse<String>> call = timed(() -> x.client("c1").post("/items", "{}"));
            assertThat(call.value().statusCode()).isEqualTo(200);
            assertThat(call.took()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aTokenLifetimeOf1e20IsALongLifeNotAnOverflow() throws Exception {
        try (HostileServer tokens = new HostileServer((request, out) -> respond(out, 200, "application/json",
                     "{\"access_token\":\"" + ACCESS + "\",\"expires_in\":1e20}"));
             HostileServer api = new HostileServer((request, out) -> respond(out, 200, "application/json", "{}"));
             BlueprintEngine engine = engine(integration(api.url("/api"), clientCredentials(tokens), ""), Map.of())) {
            assertThat(engine.integration("x").client("c1").get("/items").statusCode()).isEqualTo(200);
            assertThat(engine.integration("x").connections()).singleElement()
                    .satisfies(status -> assertThat(status.accessTokenExpiresAt()).hasValueSatisfying(
                            at -> assertThat(at).isAfter(Instant.now().plus(Duration.ofDays(365 * 50)))));
        }
    }

    @Test
    void aThrottlingAnswerAskingForeverFailsFast() throws Exception {
        try (HostileServer api = new HostileServer((request, out) -> respond(out, 429, "application/json", "{}", "Retry-After", "1e20"));
             BlueprintEngine engine = engine(integration(api.url("/api"), "{mode: bearer}", ""), Map.of())) {
            Integration x = engine.integration("x");
            x.saveCredentials("c1", Credentials.bearer(ACCESS));
            Timed<Throwable> call = failureOf(() -> x.client("c1").get("/items"));
            assertThat(call.value()).isInstanceOf(RateLimitExceededException.class);
            assertThat(call.took()).isLessThan(Duration.ofSeconds(5));
        }
    }

    // ---- 9. dot segments ---------------------------------------------------------------------------------------

    @Test
    void encodedDotSegmentsAndDotValuesNeverReachTheProvider() throws Exception {
        try (HostileServer api = new HostileServer((request, out) -> respond(out, 200, "application/json", "{}"));
             BlueprintEngine engine = engine(integration(api.url("/api/{{connection.tenant}}"), "{mode: bearer}",
                     "    connection_config: {tenant: {pattern: \"[a-z.]+\", example: acme}}\n"), Map.of())) {
            Integration x = engine.integration("x");
            x.saveCredentials("c1", Credentials.bearer(ACCESS), Map.of("tenant", "acme"));
            for (String path : List.of("/%2e%2e/%2e%2e/admin", "/.%2e/admin", "/%2E%2E/admin", "/a/..;/admin", "/..")) {
                assertThatThrownBy(() -> x.client("c1").get(path)).as(path)
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'..'");
            }
            x.saveCredentials("c2", Credentials.bearer(ACCESS), Map.of("tenant", ".."));
            assertThatThrownBy(() -> x.client("c2").get("/admin")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("connection_config");
            assertThat(api.received()).as("requests the provider saw").isEmpty();
            assertThat(x.client("c1").get("/a.b/c").statusCode()).as("a dot inside a segment is fine").isEqualTo(200);
        }
    }
}
