package dev.blueprint.internal.config;

import dev.blueprint.yaml.YNode;
import dev.blueprint.model.IntegrationConfig;
import dev.blueprint.ConfigProblem;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An integration's model together with the merged tree it came from (for provenance output), the values its
 * request templates took from the environment (secrets to mask, though the model does not call them secrets), and
 * what a user should know although nothing is wrong.
 */
public record ResolvedIntegration(IntegrationConfig config, YNode.YMap merged, String blueprintFile,
                                  Set<String> environmentSecrets, List<ConfigProblem> warnings) {
    public ResolvedIntegration {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(merged, "merged");
        environmentSecrets = Set.copyOf(environmentSecrets);
        warnings = List.copyOf(warnings);
    }

    @Override
    public String toString() {
        return "ResolvedIntegration[" + config.name() + "]";
    }
}
