package dev.blueprint.spring;

import dev.blueprint.ApiClient;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Integration;
import java.util.Objects;

/**
 * Hands out {@link ApiClient}s of the application's {@link BlueprintEngine}: inject it where code calls APIs.
 *
 * <pre>{@code
 * Prospect prospect = apiClients.client("outreach", customerId).get("/prospects/42", Prospect.class);
 * }</pre>
 */
public final class ApiClients {
    private final BlueprintEngine engine;

    public ApiClients(BlueprintEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * A client of {@code integration}'s API for {@code connectionId}; cheap, thread-safe.
     *
     * @throws dev.blueprint.UnknownIntegrationException when integrations.yaml has no such integration
     */
    public ApiClient client(String integration, String connectionId) {
        return engine.integration(integration).client(connectionId);
    }

    /** The integration itself: connecting accounts, listing connections. */
    public Integration integration(String name) {
        return engine.integration(name);
    }

    @Override
    public String toString() {
        return "ApiClients[" + engine + "]";
    }
}
