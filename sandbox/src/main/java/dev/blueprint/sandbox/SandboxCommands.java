package dev.blueprint.sandbox;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.internal.time.ExecutorScheduler;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.spi.CliExtension;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Adds {@code demo} and {@code sandbox} to the {@code blueprint} CLI. */
public final class SandboxCommands implements CliExtension {
    @Override
    public List<Object> commands() {
        return List.of(new DemoCommand(), new SandboxCommand());
    }

    static BlueprintRef ref(CommandSpec spec, String name) {
        try {
            return name.contains(":") ? BlueprintRef.parse(name) : new BlueprintRef(name, "v0");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Command(name = "demo", description = {"Runs the whole story offline against a sandbox of the API:",
        "OAuth connect, calls, a rate limit respected without a 429, a token refreshed once for many calls,",
        "a timeout retried, and a summary. Under a minute."})
    static final class DemoCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", defaultValue = "outreach", arity = "0..1",
                description = "The blueprint, NAME or NAME:VERSION (default: ${DEFAULT-VALUE}).")
        String name;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (ExecutorScheduler time = new ExecutorScheduler()) {
                new Demo(ref(spec, name), Clock.systemUTC(), time, out).run();
            }
            return 0;
        }
    }

    @Command(name = "sandbox", description = "Runs a sandbox of an API for manual exploration until interrupted.")
    static final class SandboxCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "The blueprint, NAME or NAME:VERSION.")
        String name;

        @Option(names = "--port", paramLabel = "P", defaultValue = "0", description = "Port on 127.0.0.1 (default: any free port).")
        int port;

        @Override
        public Integer call() throws Exception {
            Blueprint blueprint = BlueprintEngine.builder().environment(Map.of()).build().catalog().blueprint(ref(spec, name));
            try (Sandbox sandbox = Sandbox.of(blueprint, SandboxOptions.defaults(), port)) {
                PrintWriter out = spec.commandLine().getOut();
                out.println("Sandbox of " + blueprint.displayName() + " (" + blueprint.ref() + ") at " + sandbox.baseUri());
                out.println("Point an integration at it with this integrations.yaml, then use validate, connect, request:");
                out.println();
                out.print(sandbox.integrationsYaml(blueprint.ref().name(), ""));
                out.println();
                out.println("Press Ctrl+C to stop.");
                out.flush();
                new CountDownLatch(1).await();
            }
            return 0;
        }
    }
}
