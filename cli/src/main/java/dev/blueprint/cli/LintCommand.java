package dev.blueprint.cli;

import dev.blueprint.ConfigProblem;
import dev.blueprint.cli.lint.CatalogLint;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "lint", mixinStandardHelpOptions = true, description = {"Checks the catalog against the contribution rules:",
    "schema, https only, docs_url, safe connection_config patterns, header case, no secrets. Exit 1 on problems.",
    "Inside a checkout it checks the working tree's blueprints/; elsewhere the bundled catalog and any --blueprints."})
final class LintCommand extends EngineCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        CatalogChoice choice = CatalogChoice.of(this);
        List<ConfigProblem> problems = CatalogLint.lint(choice.catalog());
        problems.forEach(spec.commandLine().getOut()::println);
        if (problems.isEmpty()) {
            spec.commandLine().getOut().println("catalog clean: " + choice.description());
            return 0;
        }
        spec.commandLine().getErr().println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " found");
        return 1;
    }
}
