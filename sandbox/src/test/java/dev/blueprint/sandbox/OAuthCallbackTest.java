package dev.blueprint.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.AuthorizationRequest;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Integration;
import dev.blueprint.OAuthException;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.spi.InMemoryCredentialStore;
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

    private final ManualTime time = new ManualTime();
    private final InMemoryCredentialStore store = new InMemoryCredentialStore();
    private Sandbox sandbox;
    private BlueprintEngine engine;
    private Integration crm;

    @BeforeEach
    void start() {
        Blueprint outreach = BlueprintEngine.builder().environment(Map.of()).build().catalog().blueprint(BlueprintRef.parse("outreach:v0"));
        sandbox = Sandbox.of(outreach, SandboxOptions.defaults().withClock(time), 0);
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

    private static Map<String, String> consent(AuthorizationRequest request) throws Exception {
        HttpResponse<Void> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(request.url()).build(), HttpResponse.BodyHandlers.discarding());
        return Sandbox.params(URI.create(response.headers().firstValue("location").orElseThrow()).getRawQuery());
    }

    /** Refused with {@code code}, a message naming {@code problem}, no secret in it, and nothing stored. */
    private void refused(Map<String, String> callback, String code, String problem, String connectionId) {
        assertThatThrownBy(() -> crm.completeAuthorization(callback))
                .isInstanceOfSatisfying(OAuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(problem).doesNotContain(Sandbox.CLIENT_SECRET);
                    if (callback.containsKey("code")) {
                        assertThat(e.getMessage()).doesNotContain(callback.get("code"));
                    }
                });
        assertThat(store.load("crm", connectionId)).as("nothing stored after a refused callback").isEmpty();
    }

    @Test
    void aStateThatMatchesNoAuthorizationIsRefused() throws Exception {
        Map<String, String> callback = new HashMap<>(consent(crm.startAuthorization("alice", CALLBACK)));
        callback.put("state", "forged-" + callback.get("state"));
        refused(callback, "invalid_state", "matches no pending authorization", "alice");
        Map<String, String> stateless = new HashMap<>(callback);
        stateless.remove("state");
        refused(stateless, "invalid_state", "has no state parameter", "alice");
    }

    @Test
    void aReplayedCallbackIsRefusedAndKeepsTheFirstConnection() throws Exception {
        Map<String, String> callback = consent(crm.startAuthorization("alice", CALLBACK));
        assertThat(crm.completeAuthorization(callback)).isEqualTo("alice");
        var stored = store.load("crm", "alice").orElseThrow();
        assertThatThrownBy(() -> crm.completeAuthorization(callback))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.code()).isEqualTo("invalid_state"))
                .hasMessageContaining("already used").message().doesNotContain(callback.get("code"));
        assertThat(store.load("crm", "alice")).contains(stored);
    }

    @Test
    void aStateOlderThanTenMinutesIsRefused() throws Exception {
        Map<String, String> callback = consent(crm.startAuthorization("alice", CALLBACK));
        time.advance(Duration.ofMinutes(10).plusSeconds(1));
        refused(callback, "invalid_state", "expired", "alice");
    }

    @Test
    void aCallbackWithoutACodeIsRefused() throws Exception {
        Map<String, String> callback = new HashMap<>(consent(crm.startAuthorization("alice", CALLBACK)));
        callback.remove("code");
        refused(callback, "invalid_request", "neither a code nor an error", "alice");
    }

    @Test
    void theProvidersErrorIsSurfacedWithItsDescription() {
        AuthorizationRequest request = crm.startAuthorization("alice", CALLBACK);
        String state = Sandbox.params(request.url().getRawQuery()).get("state");
        refused(Map.of("state", state, "error", "access_denied", "error_description", "The user said no"),
                "access_denied", "The user said no", "alice");
    }

    @Test
    void aCodeIssuedForAnotherAuthorizationFailsThePkceCheck() throws Exception {
        AuthorizationRequest alice = crm.startAuthorization("alice", CALLBACK);
        assertThat(alice.url().getRawQuery()).contains("code_challenge_method=S256");
        Map<String, String> forAlice = consent(alice);
        Map<String, String> forBob = consent(crm.startAuthorization("bob", CALLBACK));
        // Bob's state with Alice's code: the engine sends Bob's verifier, which does not match Alice's challenge.
        Map<String, String> swapped = Map.of("state", forBob.get("state"), "code", forAlice.get("code"));
        int refusedBefore = sandbox.stats().refusedTokenRequests();
        refused(swapped, "invalid_grant", "invalid_grant", "bob");
        assertThat(sandbox.stats().refusedTokenRequests()).as("the provider refused it").isEqualTo(refusedBefore + 1);
        assertThat(store.load("crm", "alice")).isEmpty();
    }
}
