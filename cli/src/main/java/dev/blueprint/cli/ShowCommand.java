package dev.blueprint.cli;

import dev.blueprint.Catalog;
import dev.blueprint.model.BlueprintRef;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Prints a blueprint as written, e.g. 'show outreach:v0'.")
final class ShowCommand extends EngineCommand implements Callable<Integer> {
    @Parameters(paramLabel = "NAME:VERSION", description = "The blueprint, e.g. outreach:v0.")
    String reference;

    @Override
    public Integer call() {
        BlueprintRef ref;
        try {
            ref = BlueprintRef.parse(reference);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Catalog catalog = options.engine(main).build().catalog();
        catalog.blueprint(ref); // validates; throws with every problem
        spec.commandLine().getOut().println("# " + catalog.file(ref));
        spec.commandLine().getOut().print(catalog.text(ref));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
