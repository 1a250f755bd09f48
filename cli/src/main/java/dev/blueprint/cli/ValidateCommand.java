package dev.blueprint.cli;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.ConfigurationException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks the integrations file and any --blueprints directories.",
            "Prints one line per problem as FILE:LINE:COL: path: message; exit 0 when valid, 1 when not."})
final class ValidateCommand extends EngineCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        BlueprintEngine.Builder builder = options.engine(main);
        boolean withIntegrations = Files.exists(options.integrations) || options.blueprints.isEmpty();
        if (withIntegrations) {
            builder.integrations(options.integrations);
        }
        try {
            BlueprintEngine engine = builder.build();
            Warnings.print(engine.warnings(), spec.commandLine().getErr());
            String what = withIntegrations
                    ? options.integrations + ": " + count(engine.integrationNames().size(), "integration") + " valid"
                    + (engine.integrationNames().isEmpty() ? "" : " (" + String.join(", ", engine.integrationNames()) + ")")
                    : "blueprints valid";
            spec.commandLine().getOut().println(what);
            return 0;
        } catch (ConfigurationException e) {
            e.problems().forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getErr().println(count(e.problems().size(), "problem") + " found");
            return 1;
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
