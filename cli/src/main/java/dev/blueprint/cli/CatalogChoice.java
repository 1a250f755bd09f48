package dev.blueprint.cli;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Which catalog {@code lint} and {@code docs} work on: inside a checkout (a {@code blueprints/} folder of
 * {@code <name>/v<N>.yaml} files here), that working tree alone, which a contributor is editing; otherwise the jar's
 * bundled catalog plus any {@code --blueprints} directories. Each says which it used.
 *
 * @param catalog the catalog
 * @param workingTree the checkout's {@code blueprints/}, when that is the catalog
 * @param description how the command names it, e.g. "62 blueprints in ./blueprints (working tree)"
 */
record CatalogChoice(Catalog catalog, Path workingTree, String description) {
    static CatalogChoice of(EngineCommand command) {
        Path here = Path.of("blueprints");
        boolean checkout = command.options.blueprints.isEmpty() && looksLikeCatalog(here);
        BlueprintEngine.Builder builder = command.options.engine(command.main);
        if (checkout) {
            builder.withoutBundledCatalog().blueprints(here);
        }
        Catalog catalog = builder.build().catalog();
        int count = catalog.refs().size();
        String where = checkout ? "in ./blueprints (working tree)"
                : command.options.blueprints.isEmpty() ? "in the bundled catalog" : "in the bundled catalog and " + command.options.blueprints;
        return new CatalogChoice(catalog, checkout ? here : null, count + " blueprint" + (count == 1 ? "" : "s") + " " + where);
    }

    private static boolean looksLikeCatalog(Path directory) {
        if (!Files.isDirectory(directory)) {
            return false;
        }
        try (Stream<Path> folders = Files.list(directory)) {
            return folders.anyMatch(folder -> Files.isRegularFile(folder.resolve("v0.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
