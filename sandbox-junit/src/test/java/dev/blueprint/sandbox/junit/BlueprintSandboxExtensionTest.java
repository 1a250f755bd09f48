package dev.blueprint.sandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.Secret;
import dev.blueprint.sandbox.ManualTime;
import dev.blueprint.sandbox.Sandbox;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What an integrator's test looks like with the test kit. */
@BlueprintSandbox("outreach:v0")
class BlueprintSandboxExtensionTest {
    @Test
    void anEngineWiredToTheSandboxIsInjected(Integration outreach, Sandbox sandbox, ManualTime time) throws Exception {
        assertThat(outreach.blueprint().requests().baseUrl()).startsWith(sandbox.baseUri().toString());
        var request = outreach.startAuthorization("alice", java.net.URI.create("http://127.0.0.1:1/cb"));
        var consent = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(request.url()).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(consent.statusCode()).isEqualTo(302);
        outreach.completeAuthorization(Sandbox.params(java.net.URI.create(consent.headers().firstValue("location").orElseThrow()).getRawQuery()));
        assertThat(outreach.client("alice").get("/prospects").body()).contains("\"path\":\"/prospects\"");
        time.advance(Duration.ofHours(2));
        outreach.client("alice").get("/prospects");
        assertThat(sandbox.stats().refreshes()).isEqualTo(1);
    }

    @Test
    void aForgedTokenIsRefusedAndWithoutARefreshTokenTheUserMustReturn(Integration outreach, Sandbox sandbox) {
        outreach.saveCredentials("mallory", new Credentials.OAuth2Tokens(Secret.of("forged"), Optional.empty(),
                Optional.empty(), Optional.empty()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outreach.client("mallory").get("/prospects"))
                .isInstanceOf(dev.blueprint.ReauthorizationRequiredException.class).hasMessageContaining("no refresh token");
        assertThat(sandbox.stats().apiRequests()).isEqualTo(1); // the 401, then no second attempt
    }
}
