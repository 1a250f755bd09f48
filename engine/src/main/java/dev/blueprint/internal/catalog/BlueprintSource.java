package dev.blueprint.internal.catalog;

import dev.blueprint.model.BlueprintRef;
import dev.blueprint.yaml.YNode;
import java.util.Objects;

/**
 * One blueprint file as parsed, before merge and validation.
 *
 * @param ref  name and version taken from the file's location
 * @param file the file as shown to users, e.g. {@code blueprints/outreach/v0.yaml}
 * @param text the file's text, for {@code show}
 * @param tree the parsed YAML with positions
 * @param bundled whether it ships in the jar (checked by the project's tests) rather than an extra directory
 */
public record BlueprintSource(BlueprintRef ref, String file, String text, YNode tree, boolean bundled) {
    public BlueprintSource {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(tree, "tree");
    }
}
