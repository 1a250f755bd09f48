package dev.blueprint.cli;

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
}
