package dev.blueprint.spring;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.ConnectionStatus;
import dev.blueprint.Integration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator health of the engine's connections: up, with the connections that need the user to authorize again listed
 * per integration ({@code needsReauthorization}). Their APIs keep failing until someone reconnects them, which no
 * restart fixes, so they are reported as details rather than as DOWN. A store that cannot be read is DOWN.
 */
public final class BlueprintHealthIndicator implements HealthIndicator {
    private final BlueprintEngine engine;

    public BlueprintHealthIndicator(BlueprintEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        Map<String, List<String>> reauthorize = new TreeMap<>();
        try {
            for (Integration integration : engine.integrations()) {
                List<String> ids = integration.connections().stream()
                        .filter(status -> status.state() == ConnectionStatus.State.NEEDS_REAUTHORIZATION)
                        .map(ConnectionStatus::connectionId).toList();
                if (!ids.isEmpty()) {
                    reauthorize.put(integration.name(), ids);
                }
            }
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
        return Health.up().withDetail("integrations", engine.integrations().size())
                .withDetail("needsReauthorization", reauthorize).build();
    }
}
