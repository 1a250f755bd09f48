package dev.blueprint;

import dev.blueprint.internal.config.ProvenanceWriter;
import dev.blueprint.internal.config.ResolvedIntegration;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.IntegrationConfig;

/**
 * One integration of integrations.yaml: a blueprint merged with the integrator's overrides and secrets,
 * validated. Obtained from {@link BlueprintEngine#integration(String)}; immutable and thread-safe.
 */
public final class Integration {
    private final ResolvedIntegration resolved;

    Integration(ResolvedIntegration resolved) {
        this.resolved = resolved;
    }

    /** The integration's name, the key under {@code integrations:}. */
    public String name() {
        return resolved.config().name();
    }

    /** The merged, validated configuration. */
    public IntegrationConfig config() {
        return resolved.config();
    }

    /** Shortcut for {@code config().blueprint()}. */
    public Blueprint blueprint() {
        return resolved.config().blueprint();
    }

    /**
     * The merged integration as YAML with a comment per value naming where it came from (blueprint,
     * override, or environment variable). Secrets and environment values are masked.
     */
    public String describe() {
        String header = "# integration " + name()
                + config().extendsBlueprint().map(ref -> ": " + ref + " from " + resolved.blueprintFile()).orElse(": inline blueprint")
                + "\n";
        return header + ProvenanceWriter.write(resolved.merged());
    }

    @Override
    public String toString() {
        return "Integration[" + name() + config().extendsBlueprint().map(r -> " extends " + r).orElse("") + "]";
    }
}
