package dev.blueprint.internal.config;

import dev.blueprint.yaml.YNode;
import dev.blueprint.model.IntegrationConfig;
import java.util.Objects;

/** An integration's model together with the merged tree it came from, for provenance output. */
public record ResolvedIntegration(IntegrationConfig config, YNode.YMap merged, String blueprintFile) {
    public ResolvedIntegration {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(merged, "merged");
    }
}
