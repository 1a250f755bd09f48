package dev.blueprint.cli;

import dev.blueprint.BlueprintEngine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand has: the shared options, the root command (environment), and its own spec (streams). */
abstract class EngineCommand {
    @Mixin
    CommonOptions options;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    /**
     * The engine for a command that uses one integration: the others' problems are warnings here (validate reports
     * them all), printed on stderr with this integration's own warnings.
     */
    BlueprintEngine engineFor(String integration) {
        BlueprintEngine engine = options.engine(main).integrations(options.integrations).focus(integration).build();
        Warnings.print(engine.warnings(), spec.commandLine().getErr());
        return engine;
    }
}
