package dev.blueprint.internal.oauth;

import dev.blueprint.OAuthException;
import dev.blueprint.model.ConnectionField;
import dev.blueprint.model.ConnectionValueSource;
import java.util.HashMap;
import java.util.Map;

/**
 * The connection_config values a connection learns while it connects ({@code from: callback.realmId},
 * {@code from: token_response.instance_url}): read, cut to their {@code extract} shape, and checked against the field's
 * pattern. A value that is missing or refused fails the connect before anything is stored; errors name the field
 * and the source, never the value, which the provider (or whoever forged the callback) chose.
 */
public final class LearnedValues {
    private final String integration;
    private final Map<String, ConnectionField> fields;

    public LearnedValues(String integration, Map<String, ConnectionField> fields) {
        this.integration = integration;
        this.fields = Map.copyOf(fields);
    }

    /** {@code config} without the values learned while connecting: what the user gave. */
    Map<String, String> given(Map<String, String> config) {
        Map<String, String> given = new HashMap<>(config);
        given.keySet().removeIf(name -> fields.containsKey(name) && fields.get(name).learned());
        return given;
    }

    /** The values learned from {@code place}, whose raw parameters or members are {@code raw}, by field name. */
    Map<String, String> from(ConnectionValueSource.Place place, Map<String, String> raw) {
        Map<String, String> values = new HashMap<>();
        fields.forEach((name, field) -> field.source().filter(source -> source.place() == place).ifPresent(source -> {
            String where = place == ConnectionValueSource.Place.CALLBACK
                    ? "the callback's " + source.parameter() + " parameter" : "the token response's " + source.parameter();
            String text = raw.get(source.parameter());
            if (text == null || text.isEmpty()) {
                throw new OAuthException(integration, "missing_connection_value",
                        "connection_config." + name + " is learned from " + where + ", which is missing; nothing was stored");
            }
            String value = source.valueOf(text).orElseThrow(() -> new OAuthException(integration, "invalid_connection_value",
                    where + " does not have the shape " + source.extract().orElse("") + " that connection_config." + name
                            + " is learned from; nothing was stored"));
            if (!field.accepts(value)) {
                throw new OAuthException(integration, "invalid_connection_value", "connection_config." + name + ", learned from "
                        + where + ", does not match " + field.pattern().pattern() + " in full; nothing was stored");
            }
            values.put(name, value);
        }));
        return values;
    }
}
