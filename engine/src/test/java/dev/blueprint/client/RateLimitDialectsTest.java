package dev.blueprint.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.ApiClient;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rate-limit dialects real APIs speak, end to end against a local server on virtual time: each call waits exactly
 * what the provider announced, in its own words, then succeeds.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RateLimitDialectsTest {
    private TestServer test;

    @BeforeEach
    void start() throws IOException {
        test = new TestServer();
    }

    @AfterEach
    void stop() {
        test.close();
    }

    private ApiClient client() {
        Integration acme = test.acme("{mode: bearer}", "");
        acme.saveCredentials("c1", Credentials.bearer("dialect-token"));
        return acme.client("c1");
    }

    private void enqueue(int status, String body, String... headers) {
        MockResponse.Builder response = new MockResponse.Builder().code(status).body(body);
        for (int i = 0; i < headers.length; i += 2) {
            response.addHeader(headers[i], headers[i + 1]);
        }
        test.server.enqueue(response.build());
    }

    private void assertWaitedThenSucceeded(Duration wait) {
        assertThat(client().get("/x").statusCode()).isEqualTo(200);
        assertThat(test.server.getRequestCount()).isEqualTo(2);
        assertThat(test.time.waits()).containsExactly(wait);
    }

    @Test
    void unavailableWithRetryAfterWaitsTheAnnouncedTimeNotTheBackoff() {
        enqueue(503, "{}", "Retry-After", "9"); // Microsoft Graph and others
        enqueue(200, "{}");
        assertWaitedThenSucceeded(Duration.ofSeconds(9));
    }

    @Test
    void theExhaustedIetfPolicyDecidesTheWait() {
        enqueue(429, "{}", "RateLimit", "\"burst\";r=0;t=3, \"daily\";r=4000;t=86000");
        enqueue(200, "{}");
        assertWaitedThenSucceeded(Duration.ofSeconds(3));
    }

    @Test
    void theOlderIetfDictionaryIsRead() {
        enqueue(429, "{}", "RateLimit", "limit=100, remaining=0, reset=30");
        enqueue(200, "{}");
        assertWaitedThenSucceeded(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterAsAnRfc850Date() {
        enqueue(429, "{}", "Retry-After", "Saturday, 28-Nov-26 12:01:30 GMT");
        enqueue(200, "{}");
        assertWaitedThenSucceeded(Duration.ofSeconds(90));
    }

    @Test
    void forbiddenWithRetryAfterWhileRequestsRemainIsGitHubsSecondaryLimit() {
        enqueue(403, "{\"message\":\"You have exceeded a secondary rate limit\"}", "Retry-After", "60", "x-ratelimit-remaining", "4000");
        enqueue(200, "{}");
        assertWaitedThenSucceeded(Duration.ofSeconds(60));
    }

    @Test
    void aGraphQlThrottleInTheBodyIsWaitedForAndRetried() {
        test.rateLimitExtra = "      body: {statuses: [400], pointer: /errors/0/extensions/code, values: [RATELIMITED],"
                + " wait_pointer: /errors/0/extensions/retryAfter, wait_format: delta_seconds}\n";
        enqueue(400, "{\"errors\":[{\"message\":\"Rate limit exceeded\",\"extensions\":{\"code\":\"RATELIMITED\",\"retryAfter\":12}}]}");
        enqueue(200, "{}");
        assertWaitedThenSucceeded(Duration.ofSeconds(12));
    }

    @Test
    void aSuccessfulAnswerWithTheseHeadersIsJustASuccess() {
        enqueue(200, "{}", "RateLimit", "\"burst\";r=5;t=3, \"daily\";r=4000;t=86000", "Retry-After", "Sun Nov  6 08:49:37 1994");
        assertThat(client().get("/x").statusCode()).isEqualTo(200);
        assertThat(test.time.waits()).isEmpty();
    }
}
