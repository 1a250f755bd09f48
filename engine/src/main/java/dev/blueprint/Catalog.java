package dev.blueprint;

import dev.blueprint.internal.catalog.BlueprintCatalog;
import dev.blueprint.internal.catalog.BlueprintSource;
import dev.blueprint.internal.catalog.CatalogIndex;
import dev.blueprint.internal.config.ConfigurationLoader;
import dev.blueprint.internal.model.ModelMapper;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.model.CatalogEntry;
import dev.blueprint.yaml.YNode;
import java.util.List;

/** The blueprints an engine knows: the bundled catalog plus any extra directories. */
public final class Catalog {
    private final BlueprintCatalog catalog;
    private final ConfigurationLoader checker;

    Catalog(BlueprintCatalog catalog, ConfigurationLoader checker) {
        this.catalog = catalog;
        this.checker = checker;
    }

    /** Every blueprint reference, ordered by name then version number. */
    public List<BlueprintRef> refs() {
        return List.copyOf(catalog.refs());
    }

    /**
     * Every blueprint as a list shows it, in {@link #refs()} order. The bundled catalog is listed from its index
     * without reading a blueprint; others are read and validated.
     *
     * @throws ConfigurationException when a blueprint that is not bundled is invalid
     */
    public List<CatalogEntry> entries() {
        return refs().stream().map(ref -> catalog.indexed(ref).orElseGet(() -> entry(blueprint(ref)))).toList();
    }

    /**
     * The text of {@code index.tsv} for this catalog's blueprints, computed from the blueprints themselves (each read
     * and validated): what {@code blueprint docs} writes next to a catalog, and the jar lists the bundled one from.
     *
     * @throws ConfigurationException when a blueprint is invalid
     */
    public String indexText() {
        return CatalogIndex.format(refs().stream().map(ref -> entry(blueprint(ref))).toList());
    }

    private static CatalogEntry entry(Blueprint blueprint) {
        return new CatalogEntry(blueprint.ref(), blueprint.displayName(), blueprint.auth().mode(), blueprint.docsUrl(),
                blueprint.categories());
    }

    /**
     * The blueprint {@code ref}, validated on its own.
     *
     * @throws ConfigurationException when it does not exist (listing what does) or is invalid
     */
    public Blueprint blueprint(BlueprintRef ref) {
        BlueprintSource source = source(ref);
        List<ConfigProblem> problems = checker.checkBlueprint(source);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return ModelMapper.blueprint(source.tree());
    }

    /** Problems of blueprint {@code ref} on its own; empty when valid. */
    public List<ConfigProblem> check(BlueprintRef ref) {
        return checker.checkBlueprint(source(ref));
    }

    /**
     * The blueprint {@code ref} as parsed, before validation: every node with the position it was written at. For
     * tools that check what the schema cannot (the CLI's {@code lint}).
     *
     * @throws ConfigurationException when it does not exist, listing what does
     */
    public YNode tree(BlueprintRef ref) {
        return source(ref).tree();
    }

    /** The file the blueprint was read from, as shown to users. */
    public String file(BlueprintRef ref) {
        return source(ref).file();
    }

    /** The blueprint's YAML text as written. */
    public String text(BlueprintRef ref) {
        return source(ref).text();
    }

    private BlueprintSource source(BlueprintRef ref) {
        return catalog.find(ref).getOrElseThrow(message ->
                new ConfigurationException(List.of(new ConfigProblem(SourcePosition.startOf("catalog"), ref.toString(), message))));
    }
}
