package dev.blueprint.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable YAML tree that remembers where every node was written. The loader produces it; merge and
 * environment resolution transform it; schema validation and model mapping read it.
 */
public sealed interface YNode permits YNode.YMap, YNode.YList, YNode.YScalar {

    Origin origin();

    /** A mapping; keys keep their own origin so unknown keys can be reported where they were written. */
    record YMap(Map<String, Entry> entries, Origin origin) implements YNode {
        public YMap {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            Objects.requireNonNull(origin, "origin");
        }

        public Optional<YNode> get(String key) {
            return Optional.ofNullable(entries.get(key)).map(Entry::value);
        }
    }

    /** One key of a mapping. */
    record Entry(Origin keyOrigin, YNode value) {
        public Entry {
            Objects.requireNonNull(keyOrigin, "keyOrigin");
            Objects.requireNonNull(value, "value");
        }
    }

    record YList(List<YNode> items, Origin origin) implements YNode {
        public YList {
            items = List.copyOf(items);
            Objects.requireNonNull(origin, "origin");
        }
    }

    /**
     * A scalar: {@link String}, {@link Long}, {@link java.math.BigInteger}, {@link Double}, {@link Boolean},
     * or {@code null} for YAML null.
     */
    record YScalar(Object value, Origin origin) implements YNode {
        public YScalar {
            Objects.requireNonNull(origin, "origin");
        }

        public boolean isNull() {
            return value == null;
        }

        @Override
        public String toString() {
            // Scalars may hold secrets: never print the value.
            return "YScalar[" + origin.position() + "]";
        }
    }
}
