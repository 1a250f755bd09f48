package dev.blueprint.cli;

import dev.blueprint.BlueprintEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every command shares. */
final class CommonOptions {
    @Option(names = "--integrations", paramLabel = "FILE", defaultValue = "integrations.yaml",
            description = "The integrations file (default: ${DEFAULT-VALUE}).")
    Path integrations;

    @Option(names = "--blueprints", paramLabel = "DIR",
            description = "A directory of <name>/v<N>.yaml blueprints added to the bundled catalog; repeatable.")
    List<Path> blueprints = new ArrayList<>();

    @Mixin
    OutputOptions output;

    BlueprintEngine.Builder engine(Main main) {
        BlueprintEngine.Builder builder = BlueprintEngine.builder().environment(main.environment());
        blueprints.forEach(builder::blueprints);
        return builder;
    }
}
