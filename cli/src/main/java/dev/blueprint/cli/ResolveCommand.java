package dev.blueprint.cli;

import dev.blueprint.Integration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = {"Prints an integration merged over its blueprint, with where each value came from.",
            "Secrets and environment values are masked; the variable is named instead."})
final class ResolveCommand extends EngineCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The integration's name in the integrations file.")
    String name;

    @Override
    public Integer call() {
        Integration integration = engineFor(name).integration(name);
        spec.commandLine().getOut().print(integration.describe());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
