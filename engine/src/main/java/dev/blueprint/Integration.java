package dev.blueprint;

import dev.blueprint.internal.config.ProvenanceWriter;
import dev.blueprint.internal.config.ResolvedIntegration;
import dev.blueprint.internal.http.IntegrationRuntime;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.ConnectionField;
import dev.blueprint.spi.StoredConnection;
import java.util.Map;
import dev.blueprint.model.IntegrationConfig;

/**
 * One integration of integrations.yaml: a blueprint merged with the integrator's overrides and secrets,
 * validated. Obtained from {@link BlueprintEngine#integration(String)}; immutable and thread-safe.
 */
public final class Integration {
    private final ResolvedIntegration resolved;
    private final IntegrationRuntime runtime;

    Integration(ResolvedIntegration resolved, IntegrationRuntime runtime) {
        this.resolved = resolved;
        this.runtime = runtime;
    }

    /**
     * A client calling this integration's API for {@code connectionId}. Credentials are read from the engine's
     * credential store at each call; an integration with {@code auth.mode: none} needs none.
     */
    public ApiClient client(String connectionId) {
        return new ApiClient(runtime, requireId(connectionId));
    }

    /** Stores credentials for a connection that needs no connection_config values. */
    public void saveCredentials(String connectionId, Credentials credentials) {
        saveCredentials(connectionId, credentials, Map.of());
    }

    /**
     * Stores credentials and connection_config values (e.g. a subdomain) for a connection.
     *
     * @throws IllegalArgumentException naming a field the blueprint does not declare, or whose value does not
     *                                  match the field's pattern
     */
    public void saveCredentials(String connectionId, Credentials credentials, Map<String, String> connectionConfig) {
        Map<String, ConnectionField> fields = blueprint().connectionConfig();
        connectionConfig.forEach((name, value) -> {
            ConnectionField field = fields.get(name);
            if (field == null) {
                throw new IllegalArgumentException("connection_config." + name + " is not declared by " + name()
                        + (fields.isEmpty() ? "; it declares none" : "; declared: " + String.join(", ", new java.util.TreeSet<>(fields.keySet()))));
            }
            if (!field.accepts(value)) {
                throw new IllegalArgumentException("connection_config." + name + " must match " + field.pattern());
            }
        });
        runtime.store().save(new StoredConnection(name(), requireId(connectionId), connectionConfig, credentials));
    }

    private static String requireId(String connectionId) {
        if (connectionId == null || connectionId.isBlank()) {
            throw new IllegalArgumentException("connectionId must not be blank");
        }
        return connectionId;
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
