package dev.blueprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo as a command; its story itself is the sandbox module's DemoTest. */
class DemoCommandTest {
    @Test
    void demoIsACliCommand() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), "help", "demo");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Runs the whole story offline");
        assertThat(Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), "demo", "nope:v0")).isEqualTo(1);
        assertThat(err.toString()).contains("unknown blueprint 'nope'");
    }
}
