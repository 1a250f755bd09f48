package dev.blueprint;

import java.util.Collection;

/** {@link BlueprintEngine#integration(String)} was asked for a name that integrations.yaml does not define. */
public class UnknownIntegrationException extends BlueprintException {
    private final String integration;

    public UnknownIntegrationException(String integration, Collection<String> known, String hint) {
        super("unknown_integration", "no integration named '" + integration + "'" + hint
                + (known.isEmpty() ? "; the integrations file defines none" : "; defined: " + String.join(", ", known)));
        this.integration = integration;
    }

    public String integration() {
        return integration;
    }
}
