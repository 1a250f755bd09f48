package dev.blueprint;

/** A connection lacks what its integration needs: credentials of the right kind, or a connection_config value. */
public class MissingCredentialsException extends BlueprintException {
    private final String integration;
    private final String connectionId;

    public MissingCredentialsException(String integration, String connectionId, String what) {
        super("missing_credentials", "connection '" + connectionId + "' of integration '" + integration + "' " + what);
        this.integration = integration;
        this.connectionId = connectionId;
    }

    public String integration() {
        return integration;
    }

    public String connectionId() {
        return connectionId;
    }
}
