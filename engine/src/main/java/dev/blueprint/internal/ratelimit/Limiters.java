package dev.blueprint.internal.ratelimit;

import dev.blueprint.model.RateLimitConfig.Budget;
import dev.blueprint.spi.SharedRateLimits;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rate-limit state of one integration's connections, each created on first use. A declared budget is per
 * connection, or shared by all of them ({@code scope: integration}); with shared rate limits it lives in the shared
 * store so that several instances draw from one budget and hear each other's blocks.
 */
public final class Limiters {
    private final String integration;
    private final Optional<Budget> budget;
    private final Optional<SharedRateLimits> shared;
    private final Optional<RequestBudget> integrationBudget;
    private final Map<String, ConnectionLimiter> connections = new ConcurrentHashMap<>();
    private final ConnectionLimiter tokenEndpoint = new ConnectionLimiter(Optional.empty());

    public Limiters(String integration, Optional<Budget> budget, Optional<SharedRateLimits> shared) {
        this.integration = integration;
        this.budget = budget;
        this.shared = shared;
        this.integrationBudget = budget.filter(b -> b.scope() == Budget.Scope.INTEGRATION).map(b -> budget(integration, b));
    }

    /** The limiter of one connection; an integration-wide budget is shared by all. */
    public ConnectionLimiter forConnection(String connectionId) {
        return connections.computeIfAbsent(connectionId, id -> new ConnectionLimiter(
                integrationBudget.isPresent() ? integrationBudget : budget.map(b -> budget(integration + "/" + id, b)),
                shared.map(limits -> new SharedBlock(limits, integration + "/" + id))));
    }

    /** The token endpoint's own state: its throttling answers hold back later token requests, not API calls. */
    public ConnectionLimiter forTokenEndpoint() {
        return tokenEndpoint;
    }

    /** A budget kept in the shared store when there is one (several instances, one budget), else in memory. */
    private RequestBudget budget(String key, Budget declared) {
        return shared.<RequestBudget>map(limits -> new SharedBudget(limits, key, declared.requests(), declared.per()))
                .orElseGet(() -> new SlidingBudget(declared.requests(), declared.per()));
    }
}
