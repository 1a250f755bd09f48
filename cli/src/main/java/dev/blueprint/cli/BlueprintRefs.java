package dev.blueprint.cli;

import dev.blueprint.model.BlueprintRef;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Blueprint names as users type them on the command line. */
final class BlueprintRefs {
    private BlueprintRefs() {
    }

    /** {@code NAME:VERSION}, or {@code NAME} for its v0; a malformed name is a usage error (exit 2). */
    static BlueprintRef parse(CommandSpec spec, String name) {
        try {
            return name.contains(":") ? BlueprintRef.parse(name) : new BlueprintRef(name, "v0");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
