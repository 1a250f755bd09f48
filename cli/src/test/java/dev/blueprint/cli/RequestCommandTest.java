package dev.blueprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestCommandTest {
    private static final String KEY = "cli-api-key-canary-31";
    private final MockWebServer server = new MockWebServer();

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path integrations() throws IOException {
        return Files.writeString(dir.resolve("integrations.yaml"), """
                integrations:
                  acme:
                    auth: {mode: api_key, in: header, name: X-Api-Key}
                    connection_config:
                      tenant: {pattern: "[a-z]+"}
                    requests: {base_url: "http://127.0.0.1:%d/{{connection.tenant}}"}
                    retry: {max_attempts: 1}
                """.formatted(server.getPort()));
    }

    private String[] run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of("BLUEPRINT_API_KEY", KEY), args);
        assertThat(exit).as(err.toString()).isEqualTo(expectedExit);
        assertThat(out.toString() + err).doesNotContain(KEY);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void requestPrintsStatusAndBodyAndSendsWhatWasAsked() throws Exception {
        server.enqueue(new MockResponse.Builder().code(201).body("{\"id\":7}").build());
        String[] result = run(0, "request", "acme", "POST", "/items", "--integrations", integrations().toString(),
                "--config", "tenant=blue", "--data", "{\"a\":1}", "--query", "dry=true");
        assertThat(result[0]).isEqualTo("201\n{\"id\":7}\n");
        RecordedRequest received = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(received.getUrl().encodedPath()).isEqualTo("/blue/items");
        assertThat(received.getUrl().queryParameter("dry")).isEqualTo("true");
        assertThat(received.getHeaders().get("X-Api-Key")).isEqualTo(KEY);
        assertThat(received.getBody().utf8()).isEqualTo("{\"a\":1}");
    }

    @Test
    void anErrorStatusPrintsItsStatusAndBodyAndExitsOne() throws IOException {
        server.enqueue(new MockResponse.Builder().code(404).body("{\"error\":\"not found\"}").build());
        String[] result = run(1, "request", "acme", "GET", "/missing", "--integrations", integrations().toString(), "--config", "tenant=blue");
        // Like a 200: the status line, then the whole body, on stdout; the exit code says the call failed.
        assertThat(result[0]).isEqualTo("404" + System.lineSeparator() + "{\"error\":\"not found\"}" + System.lineSeparator());
        assertThat(result[1]).doesNotContain("\tat ");
    }

    @Test
    void missingConnectionValueIsExplained() throws IOException {
        String[] result = run(1, "request", "acme", "GET", "/x", "--integrations", integrations().toString());
        assertThat(result[1]).contains("has no value for connection_config.tenant");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void allFollowsThePaginationAndPrintsOneItemPerLineWithTheCountOnStderr() throws Exception {
        Path paged = Files.writeString(dir.resolve("paged.yaml"), """
                integrations:
                  acme:
                    auth: {mode: api_key, in: header, name: X-Api-Key}
                    requests: {base_url: "http://127.0.0.1:%d/v1"}
                    pagination: {items: /data, page_size: {param: limit, value: 2}, cursor: {param: after, from: /next}}
                """.formatted(server.getPort()));
        server.enqueue(new MockResponse.Builder().code(200).body("{\"data\":[{\"id\":1},{\"id\":2}],\"next\":\"c2\"}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"data\":[{\"id\":3}],\"next\":null}").build());
        String[] result = run(0, "request", "acme", "GET", "/things", "--all", "--query", "status=open", "--integrations", paged.toString());
        assertThat(result[0]).isEqualTo("{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n");
        assertThat(result[1]).isEqualTo("3 items\n");
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedQuery()).isEqualTo("status=open&limit=2");
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedQuery()).isEqualTo("status=open&limit=2&after=c2");

        String[] refused = run(2, "request", "acme", "POST", "/things", "--all", "--integrations", paged.toString());
        assertThat(refused[1]).contains("--all pages through a list: GET without --data");
    }
}
