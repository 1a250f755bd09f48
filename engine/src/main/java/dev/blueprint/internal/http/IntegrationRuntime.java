package dev.blueprint.internal.http;

import dev.blueprint.internal.oauth.AuthorizationFlow;
import dev.blueprint.internal.oauth.TokenManager;
import dev.blueprint.internal.ratelimit.ConnectionLimiter;
import dev.blueprint.internal.ratelimit.RateLimitReader;
import dev.blueprint.internal.ratelimit.RequestBudget;
import dev.blueprint.internal.ratelimit.SharedBlock;
import dev.blueprint.internal.ratelimit.SharedBudget;
import dev.blueprint.internal.ratelimit.SlidingBudget;
import dev.blueprint.spi.SharedRateLimits;
import dev.blueprint.internal.redact.Redactor;
import dev.blueprint.internal.template.Template;
import dev.blueprint.model.ApiKeyConfig;
import dev.blueprint.model.IntegrationConfig;
import dev.blueprint.model.RateLimitConfig.Budget;
import dev.blueprint.spi.CredentialStore;
import dev.blueprint.spi.Scheduler;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything an integration's calls share, built once: compiled templates, the rate-limit reader and the
 * per-connection limiters, the redactor, and the engine's HTTP client, clock, scheduler and store.
 */
public final class IntegrationRuntime {
    private final IntegrationConfig config;
    private final HttpClient httpClient;
    private final Clock clock;
    private final Scheduler scheduler;
    private final CredentialStore store;
    private final Template baseUrl;
    private final Map<String, Template> headers = new LinkedHashMap<>();
    private final Map<String, Template> query = new LinkedHashMap<>();
    private final RateLimitReader rateLimitReader;
    private final Redactor redactor;
    private final Map<String, ConnectionLimiter> limiters = new ConcurrentHashMap<>();
    private final Optional<RequestBudget> integrationBudget;
    private final Optional<SharedRateLimits> sharedLimits;
    private final Pipeline pipeline;
    private final Optional<TokenManager> tokens;
    private final Optional<AuthorizationFlow> authorization;
    private final boolean templatesUseVariables;
    private final HostPin hostPin;

    public IntegrationRuntime(IntegrationConfig config, HttpClient httpClient, Clock clock, Scheduler scheduler, CredentialStore store) {
        this(config, httpClient, clock, scheduler, store, Optional.empty());
    }

    public IntegrationRuntime(IntegrationConfig config, HttpClient httpClient, Clock clock, Scheduler scheduler, CredentialStore store,
                              Optional<SharedRateLimits> sharedLimits) {
        this.config = config;
        this.httpClient = httpClient;
        this.clock = clock;
        this.scheduler = scheduler;
        this.store = store;
        this.baseUrl = Template.compile(config.blueprint().requests().baseUrl());
        this.hostPin = HostPin.of(config.blueprint().requests().baseUrl());
        config.blueprint().requests().headers().forEach((name, value) -> headers.put(name, Template.compile(value)));
        config.blueprint().requests().query().forEach((name, value) -> query.put(name, Template.compile(value)));
        this.templatesUseVariables = !baseUrl.variables().isEmpty()
                || headers.values().stream().anyMatch(t -> !t.variables().isEmpty())
                || query.values().stream().anyMatch(t -> !t.variables().isEmpty());
        this.rateLimitReader = new RateLimitReader(config.blueprint().rateLimit());
        List<String> keyHeader = config.blueprint().auth() instanceof ApiKeyConfig key && key.placement() == ApiKeyConfig.Placement.HEADER
                ? List.of(key.name()) : List.of();
        List<String> keyParam = config.blueprint().auth() instanceof ApiKeyConfig key && key.placement() == ApiKeyConfig.Placement.QUERY
                ? List.of(key.name()) : List.of();
        this.redactor = new Redactor(keyHeader, keyParam);
        this.sharedLimits = sharedLimits;
        this.integrationBudget = config.blueprint().rateLimit().budget()
                .filter(b -> b.scope() == Budget.Scope.INTEGRATION)
                .map(b -> budget(config.name(), b));
        boolean oauth = config.blueprint().auth() instanceof dev.blueprint.model.OAuth2Config
                || config.blueprint().auth() instanceof dev.blueprint.model.ClientCredentialsConfig;
        this.tokens = oauth ? Optional.of(new TokenManager(this)) : Optional.empty();
        this.authorization = config.blueprint().auth() instanceof dev.blueprint.model.OAuth2Config
                ? Optional.of(new AuthorizationFlow(this, tokens.orElseThrow())) : Optional.empty();
        this.pipeline = new Pipeline(this);
    }

    /** The token manager of an OAuth integration. */
    public Optional<TokenManager> tokens() {
        return tokens;
    }

    /** The authorization code flow of an {@code oauth2} integration. */
    public Optional<AuthorizationFlow> authorization() {
        return authorization;
    }

    public String name() {
        return config.name();
    }

    public IntegrationConfig config() {
        return config;
    }

    public HttpClient httpClient() {
        return httpClient;
    }

    public Clock clock() {
        return clock;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public CredentialStore store() {
        return store;
    }

    HostPin hostPin() {
        return hostPin;
    }

    public Template baseUrl() {
        return baseUrl;
    }

    public Map<String, Template> headers() {
        return headers;
    }

    public Map<String, Template> query() {
        return query;
    }

    /** Whether any template needs per-connection values; most blueprints' templates are constant. */
    public boolean templatesUseVariables() {
        return templatesUseVariables;
    }

    public RateLimitReader rateLimitReader() {
        return rateLimitReader;
    }

    public Redactor redactor() {
        return redactor;
    }

    public Pipeline pipeline() {
        return pipeline;
    }

    /** A budget kept in the shared store when there is one (several instances, one budget), else in memory. */
    private RequestBudget budget(String key, Budget declared) {
        return sharedLimits.<RequestBudget>map(limits -> new SharedBudget(limits, key, declared.requests(), declared.per()))
                .orElseGet(() -> new SlidingBudget(declared.requests(), declared.per()));
    }

    /** The limiter of one connection, created on first use; an integration-wide budget is shared by all. */
    public ConnectionLimiter limiter(String connectionId) {
        return limiters.computeIfAbsent(connectionId, id -> new ConnectionLimiter(integrationBudget.isPresent()
                ? integrationBudget
                : config.blueprint().rateLimit().budget().map(b -> budget(config.name() + "/" + id, b)),
                sharedLimits.map(limits -> new SharedBlock(limits, config.name() + "/" + id))));
    }

    /** Starts a call of this integration for one connection. */
    public <T> Call<T> newCall(String connectionId, dev.blueprint.spi.StoredConnection connection,
                               java.net.http.HttpResponse.BodyHandler<T> handler, java.util.Set<String> secrets,
                               boolean blocking) {
        return new Call<>(this, connectionId, connection, handler, secrets, blocking);
    }
}
