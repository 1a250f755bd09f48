package dev.blueprint;

/**
 * The connection's grant is gone (the provider said {@code invalid_grant}, or the refresh token outlived the
 * blueprint's {@code refresh_token_ttl}): the user must authorize again. The connection is marked so
 * {@link Integration#connections()} lists it as needing reauthorization.
 */
public class ReauthorizationRequiredException extends BlueprintException {
    private final String integration;
    private final String connectionId;
    private final String reason;

    public ReauthorizationRequiredException(String integration, String connectionId, String reason) {
        super("reauthorization_required", "connection '" + connectionId + "' of integration '" + integration
                + "' must be authorized again: " + reason + "; run: blueprint connect " + integration + " --connection " + connectionId);
        this.integration = integration;
        this.connectionId = connectionId;
        this.reason = reason;
    }

    public String integration() {
        return integration;
    }

    public String connectionId() {
        return connectionId;
    }

    public String reason() {
        return reason;
    }
}
