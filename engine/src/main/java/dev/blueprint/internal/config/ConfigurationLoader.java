package dev.blueprint.internal.config;

import dev.blueprint.ConfigProblem;
import dev.blueprint.Secret;
import dev.blueprint.internal.catalog.BlueprintCatalog;
import dev.blueprint.internal.catalog.BlueprintSource;
import dev.blueprint.internal.model.ModelMapper;
import dev.blueprint.internal.schema.SchemaChecker;
import dev.blueprint.internal.yaml.YamlLoader;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.model.IntegrationConfig;
import dev.blueprint.model.OAuthConfig;
import dev.blueprint.yaml.Origin;
import dev.blueprint.yaml.YNode.Entry;
import dev.blueprint.yaml.YNode.YList;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import dev.blueprint.yaml.YNode;
import io.vavr.Lazy;
import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns integrations.yaml into validated integrations: parse, resolve {@code ${ENV}}, check the file's
 * shape, then per integration find its blueprint, merge the overrides over it, and validate the result.
 * Every problem of every integration is collected before anything is returned.
 */
public final class ConfigurationLoader {
    /** Keys of an integration that are not blueprint keys. */
    public static final Set<String> INTEGRATION_KEYS =
            Set.of("extends_blueprint", "oauth_client_id", "oauth_client_secret", "oauth_scopes");

    private final BlueprintCatalog catalog;
    private final Function<String, String> environment;
    private final Lazy<SchemaChecker> blueprintSchema;
    private final Lazy<SchemaChecker> integrationsSchema;
    private final YamlLoader yaml = new YamlLoader();

    public ConfigurationLoader(BlueprintCatalog catalog, Function<String, String> environment,
                               SchemaChecker blueprintSchema, SchemaChecker integrationsSchema) {
        this(catalog, environment, () -> blueprintSchema, () -> integrationsSchema);
    }

    /** With schemas compiled when first needed: listing the catalog never needs them. */
    public ConfigurationLoader(BlueprintCatalog catalog, Function<String, String> environment,
                               Supplier<SchemaChecker> blueprintSchema, Supplier<SchemaChecker> integrationsSchema) {
        this.catalog = catalog;
        this.environment = environment;
        this.blueprintSchema = Lazy.of(blueprintSchema);
        this.integrationsSchema = Lazy.of(integrationsSchema);
    }

    /** Loads integrations from {@code bytes} of the file shown as {@code fileName}; valid only when every one is. */
    public Validation<List<ConfigProblem>, Map<String, ResolvedIntegration>> load(String fileName, byte[] bytes) {
        Loaded loaded = loadEach(fileName, bytes);
        List<ConfigProblem> all = loaded.allProblems();
        return all.isEmpty() ? Validation.valid(loaded.resolved()) : Validation.invalid(all);
    }

    /**
     * What loading found, integration by integration, so that a command using one integration is not stopped by
     * another's mistakes.
     *
     * @param resolved    the integrations without problems
     * @param fileProblems problems of the file itself (it does not parse, its top level is wrong)
     * @param integrationProblems problems by the integration they belong to, in file order
     */
    public record Loaded(Map<String, ResolvedIntegration> resolved, List<ConfigProblem> fileProblems,
                         Map<String, List<ConfigProblem>> integrationProblems) {
        public List<ConfigProblem> allProblems() {
            Set<ConfigProblem> all = new LinkedHashSet<>(fileProblems);
            integrationProblems.values().forEach(all::addAll);
            List<ConfigProblem> sorted = new ArrayList<>(all);
            sorted.sort(ConfigProblem.IN_FILE_ORDER);
            return sorted;
        }
    }

    /** Loads every integration it can, and says which problems belong to which. */
    public Loaded loadEach(String fileName, byte[] bytes) {
        return yaml.load(fileName, bytes, Origin.Source.OVERRIDE).fold(
                problems -> new Loaded(Map.of(), problems, Map.of()),
                this::resolve);
    }

    private Loaded resolve(YNode raw) {
        List<ConfigProblem> fileLevel = new ArrayList<>();
        YNode root = new EnvironmentResolver(environment).resolve(raw, fileLevel);
        fileLevel.addAll(integrationsSchema.get().check(root));
        Map<String, ResolvedIntegration> integrations = new LinkedHashMap<>();
        Map<String, List<ConfigProblem>> byIntegration = new LinkedHashMap<>();
        if (root instanceof YMap map && map.get("integrations").orElse(null) instanceof YMap all) {
            all.entries().forEach((name, entry) -> {
                byIntegration.put(name, new ArrayList<>());
                if (entry.value() instanceof YMap integration) {
                    Set<ConfigProblem> found = new LinkedHashSet<>();
                    resolveIntegration(name, integration, found).ifPresent(r -> integrations.put(name, r));
                    byIntegration.get(name).addAll(found);
                }
            });
        }
        // Environment and schema problems under an integration are that integration's.
        List<ConfigProblem> ofTheFile = new ArrayList<>();
        for (ConfigProblem problem : fileLevel) {
            Optional<String> owner = byIntegration.keySet().stream()
                    .filter(name -> problem.path().equals("integrations." + name) || problem.path().startsWith("integrations." + name + "."))
                    .findFirst();
            if (owner.isPresent()) {
                byIntegration.get(owner.get()).add(problem);
            } else {
                ofTheFile.add(problem);
            }
        }
        byIntegration.values().removeIf(List::isEmpty);
        byIntegration.replaceAll((name, found) -> {
            List<ConfigProblem> sorted = new ArrayList<>(new LinkedHashSet<>(found));
            sorted.sort(ConfigProblem.IN_FILE_ORDER);
            return List.copyOf(sorted);
        });
        byIntegration.keySet().forEach(integrations::remove);
        ofTheFile.sort(ConfigProblem.IN_FILE_ORDER);
        return new Loaded(integrations, List.copyOf(ofTheFile), byIntegration);
    }

    private Optional<ResolvedIntegration> resolveIntegration(String name, YMap integration, Set<ConfigProblem> problems) {
        Optional<BlueprintSource> base = Optional.empty();
        Optional<YScalar> extendsValue = scalar(integration, "extends_blueprint");
        if (extendsValue.isPresent()) {
            base = findBlueprint(extendsValue.get(), problems);
            if (base.isEmpty()) {
                return Optional.empty();
            }
        }
        YMap overrides = blueprintKeysOf(integration);
        YMap merged = (YMap) base.map(b -> TreeMerger.merge(b.tree(), overrides)).orElseGet(() -> inlineBlueprint(name, overrides));
        List<ConfigProblem> found = checkTree(merged);
        problems.addAll(found);
        if (!found.isEmpty()) {
            return Optional.empty();
        }
        Blueprint blueprint = ModelMapper.blueprint(merged);
        if (blueprint.auth() instanceof OAuthConfig && integration.get("oauth_client_id").isEmpty()) {
            problems.add(new ConfigProblem(integration.origin().position(), integration.origin().childPath("oauth_client_id"),
                    "missing: auth mode " + blueprint.auth().mode() + " needs the client id the provider issued for your app"));
            return Optional.empty();
        }
        IntegrationConfig config = new IntegrationConfig(
                name,
                base.map(BlueprintSource::ref),
                blueprint,
                scalar(integration, "oauth_client_id").map(s -> String.valueOf(s.value())),
                scalar(integration, "oauth_client_secret").map(s -> Secret.of(String.valueOf(s.value()))),
                scopes(integration).orElse(defaultScopes(blueprint)));
        return Optional.of(new ResolvedIntegration(config, withIntegrationKeys(integration, merged),
                base.map(BlueprintSource::file).orElse(null), environmentSecrets(merged),
                base.map(b -> HostMoves.of(b, merged)).orElse(List.of())));
    }

    private Optional<BlueprintSource> findBlueprint(YScalar reference, Set<ConfigProblem> problems) {
        BlueprintRef ref;
        try {
            ref = BlueprintRef.parse(String.valueOf(reference.value()));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the integrations schema reports the malformed reference
        }
        return catalog.find(ref).fold(
                message -> {
                    problems.add(new ConfigProblem(reference.origin().position(), reference.origin().path(), message));
                    return Optional.empty();
                },
                Optional::of);
    }

    /** The integration's blueprint overrides: its keys minus the integration-only and unknown ones. */
    private YMap blueprintKeysOf(YMap integration) {
        Set<String> blueprintKeys = blueprintSchema.get().topLevelProperties();
        Map<String, Entry> entries = new LinkedHashMap<>();
        integration.entries().forEach((key, entry) -> {
            if (blueprintKeys.contains(key)) {
                entries.put(key, entry);
            }
        });
        return new YMap(entries, integration.origin());
    }

    /** An inline blueprint is named after its integration and is version v0 unless it says otherwise. */
    private static YMap inlineBlueprint(String name, YMap overrides) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Origin here = overrides.origin();
        entries.put("name", defaultEntry(here, "name", name));
        entries.put("version", defaultEntry(here, "version", "v0"));
        entries.putAll(overrides.entries());
        return new YMap(entries, here);
    }

    private static Entry defaultEntry(Origin parent, String key, String value) {
        Origin origin = new Origin(parent.position(), parent.childPath(key), Origin.Source.DEFAULT);
        return new Entry(origin, new YScalar(value, origin));
    }

    /** The merged tree with the integration-only keys first, as {@code resolve} shows it. */
    private static YMap withIntegrationKeys(YMap integration, YMap merged) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        integration.entries().forEach((key, entry) -> {
            if (INTEGRATION_KEYS.contains(key)) {
                entries.put(key, entry);
            }
        });
        entries.putAll(merged.entries());
        return new YMap(entries, merged.origin());
    }

    /** Values the request templates took from the environment: users keep secrets there, so they are masked. */
    private static Set<String> environmentSecrets(YMap merged) {
        Set<String> values = new LinkedHashSet<>();
        merged.get("requests").filter(YMap.class::isInstance).map(YMap.class::cast).ifPresent(requests -> {
            for (String block : List.of("headers", "query")) {
                requests.get(block).filter(YMap.class::isInstance).map(YMap.class::cast).ifPresent(map ->
                        map.entries().values().forEach(entry -> {
                            if (entry.value() instanceof YScalar scalar && scalar.origin().fromEnvironment() && scalar.value() != null) {
                                values.add(String.valueOf(scalar.value()));
                            }
                        }));
            }
        });
        return values;
    }

    /** Items that are not plain values are skipped here: the integrations schema has reported them already. */
    private static Optional<List<String>> scopes(YMap integration) {
        return integration.get("oauth_scopes").filter(YList.class::isInstance)
                .map(list -> ((YList) list).items().stream().filter(YScalar.class::isInstance)
                        .map(i -> String.valueOf(((YScalar) i).value())).toList());
    }

    private static List<String> defaultScopes(Blueprint blueprint) {
        return blueprint.auth() instanceof OAuthConfig oauth ? oauth.defaultScopes() : List.of();
    }

    private static Optional<YScalar> scalar(YMap map, String key) {
        return map.get(key).filter(YScalar.class::isInstance).map(YScalar.class::cast).filter(s -> !s.isNull());
    }

    /** Validates one catalog blueprint on its own, as the catalog lint and {@code validate} do. */
    public List<ConfigProblem> checkBlueprint(BlueprintSource source) {
        return checkTree(source.tree());
    }

    /** Schema problems, plus semantic ones about nodes the schema found no fault with. */
    private List<ConfigProblem> checkTree(YNode tree) {
        List<ConfigProblem> found = new ArrayList<>(blueprintSchema.get().check(tree));
        Set<String> faulted = new java.util.HashSet<>();
        found.forEach(p -> faulted.add(p.position() + " " + p.path()));
        SemanticChecker.check(tree).stream()
                .filter(p -> !faulted.contains(p.position() + " " + p.path()))
                .forEach(found::add);
        found.sort(ConfigProblem.IN_FILE_ORDER);
        return found;
    }
}
