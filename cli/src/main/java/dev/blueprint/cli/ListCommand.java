package dev.blueprint.cli;

import dev.blueprint.model.CatalogEntry;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the blueprints in the catalog.")
final class ListCommand extends EngineCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-24s %-28s %-26s %s%n";
        out.printf(format, "BLUEPRINT", "NAME", "AUTH", "DOCS");
        // From the bundled catalog's index: listing reads no blueprint and validates nothing.
        for (CatalogEntry entry : options.engine(main).build().catalog().entries()) {
            out.printf(format, entry.ref(), entry.displayName(), entry.authMode(), entry.docsUrl().map(URI::toString).orElse("-"));
        }
        return 0;
    }
}
