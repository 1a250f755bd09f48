package dev.blueprint.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.AuthorizationRequest;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.OAuthException;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.store.InMemoryCredentialStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every way an OAuth callback can be wrong, against the sandbox (which checks PKCE, single-use codes and the
 * redirect URI like a real provider): each is refused with a typed error that names the problem, carries no
 * secret, and leaves nothing stored.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OAuthCallbackTest {
    private static final URI CALLBACK = URI.create("http://127.0.0.1:1/callback");
    /**
     * Codes, verifiers, states and tokens are all 20+ URL-safe characters, and the verifier cannot be seen from
     * here: a message holding any such run would be leaking one of them. English words are shorter.
     */
    private static final String OPAQUE_VALUE = "[A-Za-z0-9_-]{20,}";

    private final ManualTime time = new ManualTime();
    private final InMemoryCredentialStore store = new InMemoryCredentialStore();
    private Sandbox sandbox;
    private BlueprintEngine engine;
    private Integration crm;

    @BeforeEach
    void start() {
        Blueprint outreach = BlueprintEngine.builder().environment(Map.of()).build().catalog().blueprint(BlueprintRef.parse("outreach:v0"));
        sandbox = Sandbox.of(outreach, SandboxOptions.defaults().withClock(time), 0);
        // PKCE on, so the sandbox checks every code against its challenge; the engine's clock is the test's.
        engine = BlueprintEngine.builder().environment(Map.of())
                .integrations("callback.yaml", sandbox.integrationsYaml("crm", "      pkce: true\n", "    oauth_scopes: [demo.read]\n"))
                .clock(time).scheduler(time).credentialStore(store).build();
        crm = engine.integration("crm");
    }

    @AfterEach
    void stop() {
        engine.close();
        sandbox.close();
    }

    /** The user's consent: GET the authorization URL and read the callback parameters off the redirect. */
    private static Map<String, String> consent(URI authorizationUrl) throws Exception {
        HttpResponse<Void> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(authorizationUrl).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).as("the sandbox consents").isEqualTo(302);
        return Sandbox.params(URI.create(response.headers().firstValue("location").orElseThrow()).getRawQuery());
    }

    private static Map<String, String> consent(AuthorizationRequest request) throws Exception {
        return consent(request.url());
    }

    /** A message or description that names no secret: not the client's, not the callback's code or state, nothing opaque. */
    private static void assertSecretFree(String text, Map<String, String> callback) {
        assertThat(text).doesNotContain(Sandbox.CLIENT_SECRET).doesNotContainPattern(OPAQUE_VALUE);
        for (String parameter : new String[] {"code", "state"}) {
            String value = callback.getOrDefault(parameter, "");
            if (value.length() >= 8) {
                assertThat(text).as(parameter).doesNotContain(value);
            }
        }
    }

    /**
     * Refused with {@code code} and a message naming {@code problem}, secret-free; nothing stored for any connection;
     * the provider's token endpoint refused {@code providerRefusals} requests and issued no token.
     */
    private void refused(Map<String, String> callback, String code, String problem, int providerRefusals) {
        SandboxStats before = sandbox.stats();
        assertThatThrownBy(() -> crm.completeAuthorization(callback))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.integration()).isEqualTo("crm");
                    assertThat(e.getMessage()).startsWith("[" + code + "] integration 'crm': ").contains(problem);
                    assertSecretFree(e.getMessage(), callback);
                    assertSecretFree(e.description(), callback);
                });
        assertThat(store.list("crm")).as("nothing stored after a refused callback").isEmpty();
        assertThat(sandbox.stats().refusedTokenRequests() - before.refusedTokenRequests()).as("token requests refused")
                .isEqualTo(providerRefusals);
        assertThat(sandbox.stats().codeExchanges()).as("codes exchanged").isEqualTo(before.codeExchanges());
    }

    @Test
    void aStateThatMatchesNoAuthorizationIsRefused() throws Exception {
        Map<String, String> callback = new HashMap<>(consent(crm.startAuthorization("alice", CALLBACK)));
        callback.put("state", "forged-" + callback.get("state"));
        refused(callback, "invalid_state", "matches no pending authorization", 0);
        Map<String, String> stateless = new HashMap<>(callback);
        stateless.remove("state");
        refused(stateless, "invalid_state", "has no state parameter", 0);
    }

    @Test
    void aReplayedCallbackIsRefusedAndKeepsTheFirstConnection() throws Exception {
        Map<String, String> callback = consent(crm.startAuthorization("alice", CALLBACK));
        assertThat(crm.completeAuthorization(callback)).isEqualTo("alice");
        var stored = store.load("crm", "alice").orElseThrow();
        var tokens = (Credentials.OAuth2Tokens) stored.credentials();
        int exchanges = sandbox.stats().codeExchanges();
        // The state is spent on first use, so the replay never reaches the provider.
        assertThatThrownBy(() -> crm.completeAuthorization(callback))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_state");
                    assertThat(e.getMessage()).contains("already used").doesNotContain(tokens.accessToken().reveal())
                            .doesNotContain(tokens.refreshToken().orElseThrow().reveal());
                    assertSecretFree(e.getMessage(), callback);
                });
        assertThat(store.list("crm")).containsExactly(stored);
        assertThat(sandbox.stats().codeExchanges()).isEqualTo(exchanges);
    }

    @Test
    void aStateOlderThanItsLifetimeIsRefused() throws Exception {
        AuthorizationRequest request = crm.startAuthorization("alice", CALLBACK);
        assertThat(request.expiresAt()).as("the documented lifetime").isEqualTo(time.instant().plus(Duration.ofMinutes(10)));
        Map<String, String> callback = consent(request);
        time.advance(Duration.between(time.instant(), request.expiresAt()).plusSeconds(1));
        refused(callback, "invalid_state", "expired", 0);
    }

    @Test
    void aStateJustInsideItsLifetimeIsAccepted() throws Exception {
        // The other side of the lifetime: a slow user a second before expiry still connects.
        AuthorizationRequest request = crm.startAuthorization("alice", CALLBACK);
        Map<String, String> callback = consent(request);
        time.advance(Duration.between(time.instant(), request.expiresAt()).minusSeconds(1));
        assertThat(crm.completeAuthorization(callback)).isEqualTo("alice");
        assertThat(store.load("crm", "alice")).isPresent();
    }

    @Test
    void aCallbackWithoutACodeIsRefused() throws Exception {
        Map<String, String> callback = new HashMap<>(consent(crm.startAuthorization("alice", CALLBACK)));
        callback.remove("code");
        refused(callback, "invalid_request", "neither a code nor an error", 0);
        Map<String, String> empty = new HashMap<>(consent(crm.startAuthorization("alice", CALLBACK)));
        empty.put("code", "");
        refused(empty, "invalid_request", "neither a code nor an error", 0);
    }

    private String pendingState() {
        return Sandbox.params(crm.startAuthorization("alice", CALLBACK).url().getRawQuery()).get("state");
    }

    @Test
    void theProvidersErrorIsSurfacedWithItsDescription() {
        refused(Map.of("state", pendingState(), "error", "access_denied", "error_description", "The user said no"),
                "access_denied", "The user said no", 0);
        refused(Map.of("state", pendingState(), "error", "access_denied"), "access_denied", "the provider refused the authorization", 0);
    }

    @Test
    void aHostileErrorDescriptionIsKeptToOneShortLine() {
        // Whoever writes the callback URL writes the description: it must not forge log lines or drive a terminal.
        String hostile = "denied\r\n[ok] integration 'crm': connected\u001b[2J" + "x".repeat(10_000);
        assertThatThrownBy(() -> crm.completeAuthorization(Map.of("state", pendingState(), "error", "access_denied", "error_description", hostile)))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.getMessage()).startsWith("[access_denied] integration 'crm': denied").hasSizeLessThan(300)
                            .doesNotContain("\r").doesNotContain("\n").doesNotContain("\u001b");
                    assertThat(e.description()).hasSizeLessThan(300);
                });
        // An error that is not an OAuth code is not trusted as one.
        assertThatThrownBy(() -> crm.completeAuthorization(Map.of("state", pendingState(), "error", "<script>")))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo("authorization_error"));
        assertThat(store.list("crm")).isEmpty();
    }

    @Test
    void aCodeIssuedForAnotherAuthorizationFailsThePkceCheck() throws Exception {
        AuthorizationRequest alice = crm.startAuthorization("alice", CALLBACK);
        assertThat(alice.url().getRawQuery()).contains("code_challenge_method=S256");
        Map<String, String> forAlice = consent(alice);
        Map<String, String> forBob = consent(crm.startAuthorization("bob", CALLBACK));
        // Bob's state with Alice's code: the engine sends Bob's verifier, which does not match Alice's challenge.
        Map<String, String> swapped = Map.of("state", forBob.get("state"), "code", forAlice.get("code"));
        refused(swapped, "invalid_grant", "refused by the sandbox", 1);
    }

    @Test
    void aChallengeSwappedOnTheWayToTheProviderFailsThePkceCheck() throws Exception {
        AuthorizationRequest request = crm.startAuthorization("alice", CALLBACK);
        // Same state, same redirect URI, a genuine code: only the challenge the provider saw is an attacker's.
        String attackers = Sandbox.challenge("an-attacker-chosen-verifier-long-enough-for-rfc-7636");
        URI tampered = URI.create(request.url().toString().replaceFirst("code_challenge=[^&]+", "code_challenge=" + attackers));
        assertThat(tampered).isNotEqualTo(request.url());
        refused(consent(tampered), "invalid_grant", "refused by the sandbox", 1);
    }
}
