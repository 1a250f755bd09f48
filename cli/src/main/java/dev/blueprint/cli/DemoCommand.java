package dev.blueprint.cli;

import dev.blueprint.time.TimerScheduler;
import dev.blueprint.sandbox.Demo;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true, description = {"Runs the whole story offline against a sandbox of the API:",
    "OAuth connect, calls, a rate limit respected without a 429, a token refreshed once for many calls,",
    "a timeout retried, and a summary. Under a minute."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", defaultValue = "outreach", arity = "0..1",
            description = "The blueprint, NAME or NAME:VERSION (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (TimerScheduler time = new TimerScheduler()) {
            new Demo(BlueprintRefs.parse(spec, name), Clock.systemUTC(), time, out, System.console() != null).run();
        }
        return 0;
    }
}
