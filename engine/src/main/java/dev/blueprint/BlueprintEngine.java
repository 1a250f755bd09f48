package dev.blueprint;

import dev.blueprint.internal.assembly.EngineParts;
import dev.blueprint.internal.assembly.IntegrationAssembler;
import dev.blueprint.internal.catalog.BlueprintCatalog;
import dev.blueprint.internal.catalog.BlueprintSource;
import dev.blueprint.internal.config.ConfigurationLoader;
import dev.blueprint.internal.config.ResolvedIntegration;
import dev.blueprint.internal.oauth.RenewalThreads;
import dev.blueprint.internal.schema.SchemaChecker;
import dev.blueprint.internal.store.LazyStore;
import dev.blueprint.internal.text.Suggestions;
import dev.blueprint.internal.yaml.YamlLoader;
import dev.blueprint.model.RequestsConfig;
import dev.blueprint.observe.EngineObserver;
import dev.blueprint.observe.Interceptor;
import dev.blueprint.spi.CredentialStore;
import dev.blueprint.spi.Scheduler;
import dev.blueprint.spi.SharedRateLimits;
import dev.blueprint.spi.StoreBackend;
import dev.blueprint.spi.StoreProvider;
import dev.blueprint.store.SqliteCredentialStore;
import dev.blueprint.store.StoreKeys;
import dev.blueprint.time.TimerScheduler;
import io.vavr.Lazy;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The entry point: loads the blueprint catalog and an integrations file, validates everything at once, and
 * hands out {@link Integration}s.
 *
 * <pre>{@code
 * BlueprintEngine engine = BlueprintEngine.builder()
 *     .integrations(Path.of("integrations.yaml"))
 *     .build();
 * Integration outreach = engine.integration("outreach");
 * }</pre>
 *
 * Thread-safe and immutable once built.
 */
public final class BlueprintEngine implements AutoCloseable {
    private final Catalog catalog;
    private final Map<String, Integration> integrations;
    private final List<ConfigProblem> unusedProblems;
    private final AutoCloseable resources;

    private BlueprintEngine(Catalog catalog, Map<String, Integration> integrations, List<ConfigProblem> unusedProblems,
                            AutoCloseable resources) {
        this.catalog = catalog;
        this.integrations = Collections.unmodifiableMap(new LinkedHashMap<>(integrations));
        this.unusedProblems = List.copyOf(unusedProblems);
        this.resources = resources;
    }

    /** Stops the engine's renewal threads, and its timer thread if it owns one. Clients of a closed engine must not be used. */
    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the engine", e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The integration called {@code name}.
     *
     * @throws UnknownIntegrationException when integrations.yaml defines no such integration
     */
    public Integration integration(String name) {
        Integration integration = integrations.get(Objects.requireNonNull(name, "name"));
        if (integration == null) {
            String hint = Suggestions.closest(name, integrations.keySet()).map(n -> "; did you mean '" + n + "'?").orElse("");
            throw new UnknownIntegrationException(name, integrations.keySet(), hint);
        }
        return integration;
    }

    /** Every integration, in file order. */
    public List<Integration> integrations() {
        return List.copyOf(integrations.values());
    }

    /** The names of all integrations, in file order. */
    public Set<String> integrationNames() {
        return integrations.keySet();
    }

    /**
     * What the configuration does that is allowed but worth knowing, each at its file:line:col: an override that
     * moves a catalog blueprint's API or OAuth host elsewhere (the credentials go there), and, for an engine built
     * with {@link Builder#focus}, the problems of the integrations it does not use. Empty when there is nothing.
     */
    public List<ConfigProblem> warnings() {
        List<ConfigProblem> all = new ArrayList<>(unusedProblems);
        integrations.values().forEach(i -> all.addAll(i.warnings()));
        all.sort(ConfigProblem.IN_FILE_ORDER);
        return List.copyOf(all);
    }

    /** The blueprint catalog this engine loaded. */
    public Catalog catalog() {
        return catalog;
    }

    @Override
    public String toString() {
        return "BlueprintEngine[integrations=" + integrations.keySet() + "]";
    }

    /** Collects the engine's inputs; {@link #build()} validates them all at once. Not thread-safe. */
    public static final class Builder {
        private Path integrationsFile;
        private String integrationsName;
        private byte[] integrationsContent;
        private final List<Path> blueprintDirectories = new ArrayList<>();
        private Map<String, String> environment;
        private java.util.function.Function<String, String> variables;
        private Clock clock = Clock.systemUTC();
        private Scheduler scheduler;
        private CredentialStore credentialStore;
        private String storeUrl;
        private SharedRateLimits sharedRateLimits;
        private HttpClient httpClient;
        private EngineObserver observer = EngineObserver.NONE;
        private final List<Interceptor> interceptors = new ArrayList<>();
        private String focus;
        private boolean bundledCatalog = true;

        private Builder() {
        }

        /**
         * Leaves the bundled catalog out, so that the {@link #blueprints(Path)} directories are the whole catalog: a
         * contributor's working tree, whose deleted or renamed blueprints must not linger. Default: bundled included.
         */
        public Builder withoutBundledCatalog() {
            this.bundledCatalog = false;
            return this;
        }

        /**
         * Builds for one integration: problems of the others in the integrations file (an unset variable, a typo)
         * become {@link BlueprintEngine#warnings()} instead of failing the build, and those integrations are left out.
         * Problems of the file itself and of this integration still fail it. Default: every integration must be valid.
         */
        public Builder focus(String integration) {
            this.focus = Objects.requireNonNull(integration, "integration");
            return this;
        }

        /** The clock for token expiry and rate-limit resets; default UTC system time. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Runs backoff and rate-limit waits; default one daemon timer thread per engine. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Where connections and their credentials live. Default: the SQLite file {@code $BLUEPRINT_HOME/credentials.db}
         * ({@code ~/.blueprint} when unset), opened on first use, owner-only, its token values always encrypted: with
         * {@code BLUEPRINT_ENCRYPTION_KEY}, else with {@code encryption.key} next to it (created once, owner-only);
         * {@code BLUEPRINT_ENCRYPTION_KEY=none} stores them unencrypted. The variables are read from
         * {@link #environment(Map)}, else the process environment. docs/oauth.md describes the store in full.
         */
        public Builder credentialStore(CredentialStore store) {
            this.credentialStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * A shared store by URL, such as {@code jdbc:postgresql://db:5432/app?user=svc} (password from the URL or
         * {@code PGPASSWORD}): credentials and rate limits shared by every instance that uses the same URL. Opened
         * by the {@link StoreProvider} on the class path that accepts it ({@code blueprint-postgres} for
         * PostgreSQL). Default: {@code BLUEPRINT_STORE_URL}, else the SQLite file. {@link #credentialStore} wins.
         */
        public Builder storeUrl(String url) {
            this.storeUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /** Rate-limit state shared across processes; default the store URL's, if it has any, else none. */
        public Builder sharedRateLimits(SharedRateLimits limits) {
            this.sharedRateLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * The HTTP client all integrations share; default a new one with a 10 s connect timeout that does not
         * follow redirects itself: the engine follows them, and keeps credentials on the API's origin.
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Where {@code ${NAME}} in integrations.yaml is looked up, by name: a Spring {@code Environment}'s
         * {@code getProperty}, a secrets manager. Returning null means not set. The engine's own settings
         * ({@code BLUEPRINT_HOME}, {@code BLUEPRINT_STORE_URL}...) still come from {@link #environment(Map)}.
         */
        public Builder variables(java.util.function.Function<String, String> lookup) {
            this.variables = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        /**
         * Hears every call, retry, wait and token request of every integration (the blueprint-micrometer module's
         * {@code MicrometerObserver} makes metrics and traces of them); default: none.
         */
        public Builder observer(EngineObserver engineObserver) {
            this.observer = Objects.requireNonNull(engineObserver, "engineObserver");
            return this;
        }

        /** Adds an interceptor that sees each API attempt of every integration; they run in the order added. */
        public Builder interceptor(Interceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /** The integrations file to load; optional (an engine without one only offers the catalog). */
        public Builder integrations(Path file) {
            this.integrationsFile = Objects.requireNonNull(file, "file");
            this.integrationsContent = null;
            return this;
        }

        /** Integrations given as text; {@code fileName} is what problems name as the file. */
        public Builder integrations(String fileName, String yaml) {
            this.integrationsName = Objects.requireNonNull(fileName, "fileName");
            this.integrationsContent = Objects.requireNonNull(yaml, "yaml").getBytes(StandardCharsets.UTF_8);
            this.integrationsFile = null;
            return this;
        }

        /** Adds a directory of {@code <name>/v<N>.yaml} blueprints; it may replace bundled ones. */
        public Builder blueprints(Path directory) {
            blueprintDirectories.add(Objects.requireNonNull(directory, "directory"));
            return this;
        }

        /** The variables {@code ${NAME}} reads; default {@link System#getenv()}. The map is copied. */
        public Builder environment(Map<String, String> variables) {
            this.environment = Map.copyOf(Objects.requireNonNull(variables, "variables"));
            return this;
        }

        /**
         * Loads and validates everything.
         *
         * @throws ConfigurationException listing every problem found, each with its file:line:col
         */
        public BlueprintEngine build() {
            Map<String, String> env = environment != null ? environment : System.getenv();
            BlueprintCatalog blueprints = BlueprintCatalog.load(List.copyOf(blueprintDirectories), bundledCatalog);
            java.util.function.Function<String, String> lookup = variables != null ? variables : env::get;
            ConfigurationLoader loader = new ConfigurationLoader(blueprints, lookup,
                    () -> SchemaChecker.fromClasspath(SchemaChecker.BLUEPRINT_SCHEMA),
                    () -> SchemaChecker.fromClasspath(SchemaChecker.INTEGRATIONS_SCHEMA));
            List<ConfigProblem> problems = new ArrayList<>(blueprints.problems());
            for (BlueprintSource source : blueprints.extraSources()) {
                problems.addAll(loader.checkBlueprint(source));
            }
            Map<String, ResolvedIntegration> resolved = new LinkedHashMap<>();
            List<ConfigProblem> elsewhere = new ArrayList<>();
            readIntegrations(problems).ifPresent(content -> {
                ConfigurationLoader.Loaded loaded = loader.loadEach(content.name(), content.bytes());
                problems.addAll(loaded.fileProblems());
                loaded.integrationProblems().forEach((name, found) -> (focus == null || focus.equals(name) ? problems : elsewhere).addAll(found));
                resolved.putAll(loaded.resolved());
            });
            if (!problems.isEmpty()) {
                problems.sort(ConfigProblem.IN_FILE_ORDER);
                throw new ConfigurationException(problems.stream().distinct().toList());
            }
            TimerScheduler ownScheduler = scheduler == null ? new TimerScheduler() : null;
            Scheduler waits = scheduler != null ? scheduler : ownScheduler;
            String url = storeUrl != null ? storeUrl : setting(env, "BLUEPRINT_STORE_URL");
            StoreBackend backend = credentialStore == null && url != null && !url.isBlank() ? openBackend(url, env) : null;
            CredentialStore store = credentialStore != null ? credentialStore
                    : backend != null ? backend.credentialStore() : defaultStore(env);
            Optional<SharedRateLimits> limits = sharedRateLimits != null ? Optional.of(sharedRateLimits)
                    : backend != null ? backend.rateLimits() : Optional.empty();
            HttpClient given = httpClient;
            Supplier<HttpClient> client = given != null ? () -> given : Lazy.of(() -> HttpClient.newBuilder()
                    .connectTimeout(RequestsConfig.DEFAULT_CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build());
            ExecutorService renewals = RenewalThreads.create();
            EngineParts shared = new EngineParts(client, clock, waits, store, limits, observer, interceptors, renewals);
            Map<String, Integration> integrations = new LinkedHashMap<>();
            resolved.forEach((name, r) -> integrations.put(name,
                    new Integration(r, IntegrationAssembler.assemble(r.config(), r.environmentSecrets(), shared))));
            AutoCloseable resources = () -> {
                RenewalThreads.close(renewals);
                if (ownScheduler != null) {
                    ownScheduler.close();
                }
                if (backend != null) {
                    backend.close();
                } else if (credentialStore == null && store instanceof AutoCloseable owned) {
                    owned.close();
                }
            };
            return new BlueprintEngine(new Catalog(blueprints, loader), integrations, elsewhere, resources);
        }

        private static StoreBackend openBackend(String url, Map<String, String> env) {
            Map<String, String> settings = new java.util.HashMap<>(System.getenv());
            settings.putAll(env);
            for (StoreProvider provider : java.util.ServiceLoader.load(StoreProvider.class)) {
                if (provider.accepts(url)) {
                    return provider.open(url, Map.copyOf(settings));
                }
            }
            // Name only the scheme: the rest of the URL may hold a password.
            String[] parts = url.split(":", 3);
            String scheme = parts[0].equals("jdbc") && parts.length > 1 ? "jdbc:" + parts[1] : parts[0];
            throw new ConfigurationException(List.of(new ConfigProblem(SourcePosition.startOf("BLUEPRINT_STORE_URL"), "",
                    "no store on the class path opens '" + scheme + ":' URLs; for PostgreSQL add dev.blueprint:blueprint-postgres")));
        }

        private static CredentialStore defaultStore(Map<String, String> env) {
            Path file = defaultStoreFile(env);
            Optional<String> setting = Optional.ofNullable(setting(env, "BLUEPRINT_ENCRYPTION_KEY"));
            return new LazyStore(() -> SqliteCredentialStore.open(file, StoreKeys.forStore(file, setting)));
        }

        /** {@code $BLUEPRINT_HOME/credentials.db}, or {@code ~/.blueprint/credentials.db}. */
        public static Path defaultStoreFile(Map<String, String> env) {
            String home = setting(env, "BLUEPRINT_HOME");
            Path directory = home != null && !home.isBlank()
                    ? Path.of(home) : Path.of(System.getProperty("user.home"), ".blueprint");
            return directory.resolve("credentials.db");
        }

        private static String setting(Map<String, String> env, String name) {
            String value = env.get(name);
            return value != null ? value : System.getenv(name);
        }

        private record Content(String name, byte[] bytes) {
        }

        private Optional<Content> readIntegrations(List<ConfigProblem> problems) {
            if (integrationsContent != null) {
                return Optional.of(new Content(integrationsName, integrationsContent));
            }
            if (integrationsFile == null) {
                return Optional.empty();
            }
            String shown = integrationsFile.toString();
            // Bounded and explained by the loader: a huge file, a device or a directory costs neither time nor memory.
            return new YamlLoader().read(integrationsFile, shown).fold(problem -> {
                problems.add(problem);
                return Optional.<Content>empty();
            }, bytes -> Optional.of(new Content(shown, bytes)));
        }
    }
}
