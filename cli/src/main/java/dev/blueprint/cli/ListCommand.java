package dev.blueprint.cli;

import dev.blueprint.Catalog;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the blueprints in the catalog.")
final class ListCommand extends EngineCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Catalog catalog = options.engine(main).build().catalog();
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-24s %-28s %-26s %s%n";
        out.printf(format, "BLUEPRINT", "NAME", "AUTH", "DOCS");
        for (BlueprintRef ref : catalog.refs()) {
            Blueprint blueprint = catalog.blueprint(ref);
            out.printf(format, ref, blueprint.displayName(), blueprint.auth().mode(),
                    blueprint.docsUrl().map(Object::toString).orElse("-"));
        }
        return 0;
    }
}
