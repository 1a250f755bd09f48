package dev.blueprint;

import dev.blueprint.internal.catalog.BlueprintCatalog;
import dev.blueprint.internal.catalog.BlueprintSource;
import dev.blueprint.internal.config.ConfigurationLoader;
import dev.blueprint.internal.model.ModelMapper;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
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
        return List.copyOf(catalog.sources().keySet());
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
