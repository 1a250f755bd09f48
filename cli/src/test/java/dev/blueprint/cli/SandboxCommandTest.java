package dev.blueprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sandbox as a command; the simulator itself is tested in the sandbox module. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxCommandTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void sandboxCommandPrintsAnIntegrationsFileAndServesUntilInterrupted() throws Exception {
        StringWriter out = new StringWriter();
        Thread command = new Thread(() -> Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), Map.of(),
                "sandbox", "outreach"));
        command.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString().contains("Press Ctrl+C") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(out.toString()).contains("extends_blueprint: outreach:v0").contains("token_url: \"http://127.0.0.1:");
        var base = java.util.regex.Pattern.compile("base_url: \"(http://127\\.0\\.0\\.1:\\d+/api)\"").matcher(out.toString());
        assertThat(base.find()).isTrue();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base.group(1) + "/x")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(401);
        command.interrupt();
        command.join(10_000);
        assertThat(command.isAlive()).isFalse();
    }
}
