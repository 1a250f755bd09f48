package dev.blueprint.cli;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.model.Blueprint;
import dev.blueprint.sandbox.Sandbox;
import dev.blueprint.sandbox.SandboxOptions;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sandbox", mixinStandardHelpOptions = true, description = "Runs a sandbox of an API for manual exploration until interrupted.")
final class SandboxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "NAME", description = "The blueprint, NAME or NAME:VERSION.")
    String name;

    @Option(names = "--port", paramLabel = "P", defaultValue = "0", description = "Port on 127.0.0.1 (default: any free port).")
    int port;

    @Override
    public Integer call() throws Exception {
        Blueprint blueprint = BlueprintEngine.builder().environment(Map.of()).build().catalog().blueprint(BlueprintRefs.parse(spec, name));
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
