package dev.blueprint.store;

import static dev.blueprint.testing.HostileServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.testing.HostileServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten processes on one default store (BLUEPRINT_HOME) call a client-credentials API whose connection has no token
 * yet, all at once: one token request, and every process uses that token. The token endpoint is slow so that the
 * others arrive while the first is being fetched.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FirstTokenAcrossProcessesTest {
    private static final int PROCESSES = 10;

    @TempDir
    Path dir;

    @Test
    void tenProcessesFetchingTheFirstTokenCauseOneTokenRequest() throws Exception {
        try (HostileServer tokens = new HostileServer((request, out) -> {
                 Thread.sleep(1_000);
                 respond(out, 200, "application/json", "{\"access_token\":\"machine-token\",\"expires_in\":3600}");
             });
             HostileServer api = new HostileServer((request, out) -> respond(out, 200, "application/json", "{}"))) {
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                workers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                        ClientCredentialsWorker.class.getName(), dir.resolve("home").toString(), tokens.url("/token"), api.url("/api"))
                        .redirectErrorStream(true).start());
            }
            List<BufferedReader> outputs = new ArrayList<>();
            for (Process worker : workers) {
                BufferedReader output = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = output.readLine()) != null && !line.equals("ready")) {
                    // start-up noise, if any
                }
                assertThat(line).as("worker started").isEqualTo("ready");
                outputs.add(output);
            }
            for (Process worker : workers) {
                OutputStream go = worker.getOutputStream();
                go.write('\n');
                go.flush();
            }
            for (int i = 0; i < PROCESSES; i++) {
                assertThat(workers.get(i).waitFor(60, TimeUnit.SECONDS)).isTrue();
                String rest = outputs.get(i).lines().reduce("", (a, b) -> a + b + "\n");
                assertThat(workers.get(i).exitValue()).as(rest).isZero();
                assertThat(rest).contains("status=200");
            }
            assertThat(tokens.received()).as("token requests").hasSize(1);
            assertThat(api.received()).hasSize(PROCESSES).extracting(r -> r.header("authorization")).containsOnly("Bearer machine-token");
        }
    }
}
