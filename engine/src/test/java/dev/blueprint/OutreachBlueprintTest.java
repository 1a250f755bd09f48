package dev.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.model.OAuth2Config;
import dev.blueprint.model.ResetFormat;
import dev.blueprint.model.TokenRequestAuth;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The first blueprint carries the facts users rely on (see shared FACTS.md and Outreach's docs). */
class OutreachBlueprintTest {
    private final Blueprint outreach = BlueprintEngine.builder().environment(Map.of()).build()
            .catalog().blueprint(BlueprintRef.parse("outreach:v0"));

    @Test
    void oauth2WithMandatoryRefreshAndFourteenDayRefreshTokens() {
        OAuth2Config auth = (OAuth2Config) outreach.auth();
        assertThat(auth.authorizationUrl()).isEqualTo("https://api.outreach.io/oauth/authorize");
        assertThat(auth.tokenUrl()).isEqualTo("https://api.outreach.io/oauth/token");
        assertThat(auth.tokenRequestAuth()).isEqualTo(TokenRequestAuth.CLIENT_SECRET_POST);
        assertThat(auth.refresh().required()).isTrue();
        assertThat(auth.refresh().defaultAccessTokenTtl()).contains(Duration.ofHours(2));
        assertThat(auth.refresh().refreshTokenTtl()).contains(Duration.ofDays(14));
        assertThat(auth.scopeSeparator()).isEqualTo(" ");
    }

    @Test
    void jsonApiHeadersAndBaseUrl() {
        assertThat(outreach.requests().baseUrl()).isEqualTo("https://api.outreach.io/api/v2");
        assertThat(outreach.requests().headers())
                .containsEntry("Accept", "application/vnd.api+json")
                .containsEntry("Content-Type", "application/vnd.api+json");
    }

    @Test
    void rateLimitHeadersAreDeclared() {
        assertThat(outreach.rateLimit().statuses()).containsExactly(429);
        assertThat(outreach.rateLimit().remaining()).contains("x-ratelimit-remaining");
        assertThat(outreach.rateLimit().limit()).contains("x-ratelimit-limit");
        assertThat(outreach.rateLimit().reset()).hasValueSatisfying(reset -> {
            assertThat(reset.header()).isEqualTo("x-ratelimit-reset");
            assertThat(reset.format()).isEqualTo(ResetFormat.AUTO);
        });
        assertThat(outreach.rateLimit().retryAfter()).containsExactly("retry-after");
    }

    @Test
    void retriesOnlyIdempotentMethodsOnTransientErrors() {
        assertThat(outreach.retry().maxAttempts()).isEqualTo(4);
        assertThat(outreach.retry().onStatus()).containsExactly(500, 502, 503, 504);
        assertThat(outreach.retry().methods()).doesNotContain("POST", "PATCH");
        assertThat(outreach.retry().onTimeout()).isTrue();
    }

    @Test
    void gotchasCoverApprovalExpiryAndRateLimits() {
        assertThat(outreach.gotchas()).anySatisfy(g -> assertThat(g).contains("14 days"))
                .anySatisfy(g -> assertThat(g).contains("review"))
                .anySatisfy(g -> assertThat(g).contains("10,000 requests per hour"));
    }
}
