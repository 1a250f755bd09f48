package dev.blueprint.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.model.BlueprintRef;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo's run is itself a test: its summary must show zero 429s and exactly one refresh per expiry. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DemoTest {
    @Test
    void demoRespectsTheRateLimitAndRefreshesOnceInVirtualTime() throws Exception {
        ManualTime time = new ManualTime();
        StringWriter out = new StringWriter();
        Demo.Summary summary = new Demo(BlueprintRef.parse("outreach:v0"), time, time, new PrintWriter(out, true)).run();
        assertThat(summary.throttled()).as(out.toString()).isZero();
        assertThat(summary.refreshes()).as(out.toString()).isEqualTo(1);
        assertThat(summary.retries()).as(out.toString()).isEqualTo(1);
        assertThat(summary.waits()).as("the burst waited for resets").isPositive();
        assertThat(out.toString()).contains("1. Connect with OAuth 2.0").contains("429s received: 0")
                .contains("40 calls succeeded with 1 token refresh").contains("→ 200 after 2 attempts")
                .contains("| 429s received               |      0 |");
    }
}
