package dev.blueprint.internal.url;

import dev.blueprint.model.ConnectionField;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A connection's connection_config values for a template: each one declared, present, and matching its pattern in full. */
public final class ConnectionValues {
    private static final String PREFIX = "connection.";

    private ConnectionValues() {
    }

    /**
     * Checks the values a user gives for a connection: each names a declared field and matches its pattern in full.
     *
     * @throws IllegalArgumentException naming the field (never the value)
     */
    public static void checkGiven(String integration, Map<String, ConnectionField> fields, Map<String, String> config) {
        config.forEach((name, value) -> {
            ConnectionField field = fields.get(name);
            if (field == null) {
                throw new IllegalArgumentException("connection_config." + name + " is not declared by " + integration
                        + (fields.isEmpty() ? "; it declares none" : "; declared: " + String.join(", ", new TreeSet<>(fields.keySet()))));
            }
            if (value == null || !field.accepts(value)) {
                throw new IllegalArgumentException("connection_config." + name + " must match " + field.pattern().pattern() + " in full");
            }
        });
    }

    /**
     * The values of {@code variables} ({@code connection.NAME}) by variable name; other variables are left to the caller.
     *
     * @param usedBy the blueprint key whose template needs them ({@code auth.token_url}), named in errors
     * @throws IllegalArgumentException naming the field that is missing or does not match its pattern (never its value)
     */
    public static Map<String, String> of(String usedBy, Set<String> variables, Map<String, ConnectionField> fields,
                                         Map<String, String> config) {
        Map<String, String> values = new HashMap<>();
        for (String variable : variables) {
            if (!variable.startsWith(PREFIX)) {
                continue;
            }
            String name = variable.substring(PREFIX.length());
            ConnectionField field = fields.get(name);
            String value = config.get(name);
            if (value == null) {
                throw new IllegalArgumentException(usedBy + " needs connection_config." + name
                        + (field == null ? "" : field.example().map(e -> " (for example " + e + ")").orElse("")));
            }
            if (field == null || !field.accepts(value)) {
                throw new IllegalArgumentException("connection_config." + name + " must match "
                        + (field == null ? "a declared field" : field.pattern().pattern()) + " in full; it is used in " + usedBy);
            }
            values.put(variable, value);
        }
        return values;
    }
}
