package dev.blueprint.internal.config;

import dev.blueprint.yaml.YNode;
import dev.blueprint.yaml.YNode.Entry;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Merges an integration's overrides over its blueprint: maps merge deeply and the override wins; lists and
 * scalars replace (never concatenate); an explicit {@code null} removes the key. Every node keeps the
 * origin of the file that wrote it.
 */
public final class TreeMerger {
    private TreeMerger() {
    }

    public static YNode merge(YNode base, YNode override) {
        if (base instanceof YMap baseMap && override instanceof YMap overrideMap) {
            return mergeMaps(baseMap, overrideMap);
        }
        return override;
    }

    private static YMap mergeMaps(YMap base, YMap override) {
        Map<String, Entry> merged = new LinkedHashMap<>(base.entries());
        override.entries().forEach((key, entry) -> {
            if (entry.value() instanceof YScalar scalar && scalar.isNull()) {
                merged.remove(key);
                return;
            }
            Entry existing = merged.get(key);
            YNode value = existing == null ? entry.value() : merge(existing.value(), entry.value());
            merged.put(key, new Entry(entry.keyOrigin(), value));
        });
        return new YMap(merged, override.origin());
    }
}
