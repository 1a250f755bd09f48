package dev.blueprint;

import dev.blueprint.internal.yaml.YamlLoader;
import dev.blueprint.yaml.Origin;
import dev.blueprint.yaml.YNode;

/**
 * Reads YAML the way the engine reads its own files, for tools built on it (importers, linters): the same safety
 * limits (size, nesting, aliases, duplicate keys), and every node with its file:line:col.
 */
public final class YamlFiles {
    private YamlFiles() {
    }

    /**
     * The document in {@code bytes}.
     *
     * @param fileName what positions name as the file
     * @throws ConfigurationException with each problem at its file:line:col
     */
    public static YNode read(String fileName, byte[] bytes) {
        YamlLoader loader = new YamlLoader();
        if (!loader.fits(bytes.length)) {
            throw new ConfigurationException(java.util.List.of(loader.tooLarge(fileName, bytes.length)));
        }
        var loaded = loader.load(fileName, bytes, Origin.Source.OVERRIDE);
        if (loaded.isInvalid()) {
            throw new ConfigurationException(java.util.List.copyOf(loaded.getError()));
        }
        return loaded.get();
    }
}
