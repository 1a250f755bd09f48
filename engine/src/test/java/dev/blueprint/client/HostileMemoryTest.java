package dev.blueprint.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.testing.HostileServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Endless and huge bodies against a client JVM of 64 MiB: the token answer that never ends, an API body that never
 * ends, and one that declares 2.5 GB each fail with {@code response_too_large} while being read, in seconds, and the
 * child never runs out of memory (it would exit at once with -XX:+ExitOnOutOfMemoryError).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HostileMemoryTest {
    @Test
    void endlessAndHugeBodiesFitInSixtyFourMebibytes() throws IOException, InterruptedException {
        try (HostileServer tokens = new HostileServer((request, out) -> HostileServer.endless(out, 200));
             HostileServer endless = new HostileServer((request, out) -> HostileServer.endless(out, 200));
             HostileServer huge = new HostileServer((request, out) -> HostileServer.huge(out, 2_500_000_000L))) {
            long start = System.nanoTime();
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), HostileMemoryProbe.class.getName(),
                    tokens.url("/token"), endless.url("/api"), huge.url("/api"))
                    .redirectErrorStream(true).start();
            boolean ended = child.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                child.destroyForcibly();
            }
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("hostile memory: child of 64 MiB ended in %.1f s: %s%n", took.toMillis() / 1000.0, output.strip().replace('\n', ' '));
            assertThat(ended).as("the child ended: %s", output).isTrue();
            assertThat(child.exitValue()).as("exit code (3 = out of memory): %s", output).isZero();
            assertThat(output).contains("tokens: response_too_large", "endless: response_too_large", "huge: response_too_large")
                    .doesNotContain("OutOfMemoryError");
            assertThat(tokens.received()).as("token requests: too large is not retried").hasSize(1);
            assertThat(endless.received()).hasSize(1);
            assertThat(huge.received()).hasSize(1);
        }
    }
}
