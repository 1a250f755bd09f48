package dev.blueprint.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.testing.LogCapture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Redirects are followed by the engine, and credentials never travel to another origin. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedirectTest {
    private static final String TOKEN = "bearer-token-canary-4410";
    private static final String KEY = "api-key-canary-8812";

    private TestServer api;
    private MockWebServer elsewhere;
    private LogCapture logs;

    @BeforeEach
    void start() throws IOException {
        api = new TestServer();
        elsewhere = new MockWebServer();
        // "localhost" and 127.0.0.1 are different origins to the engine, as to a browser.
        elsewhere.start(InetAddress.getByName("127.0.0.1"), 0);
        logs = new LogCapture();
    }

    @AfterEach
    void stop() {
        logs.close();
        api.close();
        elsewhere.close();
    }

    private String elsewhereUrl(String path) {
        return "http://localhost:" + elsewhere.getPort() + path;
    }

    private void redirect(int status, String location) {
        api.server.enqueue(new MockResponse.Builder().code(status).addHeader("Location", location).build());
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).body(body).build();
    }

    private Integration bearer() {
        Integration acme = api.acme("{mode: bearer}", "");
        acme.saveCredentials("c1", Credentials.bearer(TOKEN));
        return acme;
    }

    @Test
    void sameOriginRedirectIsFollowedWithTheCredentials() throws InterruptedException {
        redirect(302, "/api/v2/things");
        api.server.enqueue(ok("moved"));
        HttpResponse<String> response = bearer().client("c1").get("/things");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("moved");
        api.server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest second = api.server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(second.getUrl().encodedPath()).isEqualTo("/api/v2/things");
        assertThat(second.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void redirectToAnotherHostCarriesNoAuthorization() throws InterruptedException {
        redirect(302, elsewhereUrl("/download/file.bin?sig=abc"));
        elsewhere.enqueue(ok("file"));
        assertThat(bearer().client("c1").get("/files/1/content").body()).isEqualTo("file");
        RecordedRequest download = elsewhere.takeRequest(5, TimeUnit.SECONDS);
        assertThat(download.getUrl().queryParameter("sig")).isEqualTo("abc");
        assertThat(download.getHeaders().get("Authorization")).isNull();
        assertThat(download.getHeaders().toString()).doesNotContain(TOKEN);
        assertThat(download.getHeaders().get("Accept")).as("harmless headers still go").isEqualTo("application/json");
    }

    @Test
    void apiKeysInTheQueryOrInTemplatedHeadersStayHome() throws InterruptedException {
        Integration acme = api.acme("{mode: api_key, in: query, name: api_key}",
                "    connection_config: {}\n");
        acme.saveCredentials("c1", Credentials.apiKey(KEY));
        redirect(307, elsewhereUrl("/cdn/report.csv"));
        elsewhere.enqueue(ok("csv"));
        assertThat(acme.client("c1").get("/reports/7").body()).isEqualTo("csv");
        assertThat(api.server.takeRequest(5, TimeUnit.SECONDS).getUrl().queryParameter("api_key")).isEqualTo(KEY);
        RecordedRequest hop = elsewhere.takeRequest(5, TimeUnit.SECONDS);
        assertThat(hop.getUrl().toString()).doesNotContain(KEY);
        assertThat(hop.getHeaders().toString()).doesNotContain(KEY);
    }

    @Test
    void postIsNotRedirectedToAnotherHostNorRepostedOnA302() throws InterruptedException {
        redirect(307, elsewhereUrl("/collect"));
        assertThat(bearer().client("c1").post("/items", "{\"a\":1}").statusCode()).isEqualTo(307);
        redirect(302, "/api/items/2");
        assertThat(bearer().client("c1").post("/items", "{\"a\":1}").statusCode()).isEqualTo(302);
        assertThat(elsewhere.getRequestCount()).isZero();
        assertThat(api.server.getRequestCount()).isEqualTo(2);
        assertThat(logs.all()).contains("not following a 307 redirect of a POST request")
                .contains("not following a 302 redirect of a POST request");
    }

    @Test
    void seeOtherTurnsAPostIntoAGetWithoutTheBody() throws InterruptedException {
        redirect(303, "/api/jobs/9");
        api.server.enqueue(ok("job"));
        assertThat(bearer().client("c1").post("/jobs", "{\"run\":true}").body()).isEqualTo("job");
        api.server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest follow = api.server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(follow.getMethod()).isEqualTo("GET");
        assertThat(follow.getBody() == null ? 0 : follow.getBody().size()).isZero();
        assertThat(follow.getHeaders().get("Content-Type")).isNull();
    }

    @Test
    void redirectLoopsStopAfterFiveHops() {
        for (int i = 0; i < 10; i++) {
            redirect(302, "/api/loop");
        }
        assertThat(bearer().client("c1").get("/loop").statusCode()).as("the last redirect, returned as is").isEqualTo(302);
        assertThat(api.server.getRequestCount()).isEqualTo(6); // the request and five hops
        assertThat(logs.all()).contains("not following more than 5 redirects");
    }

    @Test
    void nonHttpLocationsAreNotFollowed() {
        redirect(302, "file:///etc/passwd");
        assertThat(bearer().client("c1").get("/x").statusCode()).isEqualTo(302);
        assertThat(logs.all()).contains("not an http(s) URL");
    }
}
