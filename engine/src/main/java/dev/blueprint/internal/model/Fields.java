package dev.blueprint.internal.model;

import dev.blueprint.yaml.YNode;
import dev.blueprint.yaml.YNode.YList;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads from a schema-valid {@link YMap}; absent keys become empty or the given default. */
final class Fields {
    private final YMap map;

    private Fields(YMap map) {
        this.map = map;
    }

    static Fields of(YNode node) {
        return new Fields(node instanceof YMap m ? m : new YMap(Map.of(), node.origin()));
    }

    Fields child(String key) {
        return map.get(key).filter(YMap.class::isInstance).map(Fields::of)
                .orElseGet(() -> new Fields(new YMap(Map.of(), map.origin())));
    }

    boolean has(String key) {
        return map.get(key).filter(n -> !(n instanceof YScalar s && s.isNull())).isPresent();
    }

    Optional<String> string(String key) {
        return scalar(key).map(Object::toString);
    }

    String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    boolean bool(String key, boolean fallback) {
        return scalar(key).map(v -> (Boolean) v).orElse(fallback);
    }

    long longInteger(String key, long fallback) {
        return scalar(key).map(v -> ((Number) v).longValue()).orElse(fallback);
    }

    int integer(String key, int fallback) {
        return scalar(key).map(v -> ((Number) v).intValue()).orElse(fallback);
    }

    double number(String key, double fallback) {
        return scalar(key).map(v -> ((Number) v).doubleValue()).orElse(fallback);
    }

    Optional<Duration> duration(String key) {
        return string(key).map(Duration::parse);
    }

    Duration duration(String key, Duration fallback) {
        return duration(key).orElse(fallback);
    }

    List<String> strings(String key, List<String> fallback) {
        return list(key).map(items -> items.stream().map(i -> String.valueOf(((YScalar) i).value())).toList()).orElse(fallback);
    }

    List<Integer> integers(String key, List<Integer> fallback) {
        return list(key).map(items -> items.stream().map(i -> ((Number) ((YScalar) i).value()).intValue()).toList()).orElse(fallback);
    }

    /** A map of strings in declaration order. */
    Map<String, String> stringMap(String key) {
        Map<String, String> result = new LinkedHashMap<>();
        map.get(key).filter(YMap.class::isInstance).map(YMap.class::cast)
                .ifPresent(m -> m.entries().forEach((k, e) -> result.put(k, String.valueOf(((YScalar) e.value()).value()))));
        return result;
    }

    Map<String, Fields> children(String key) {
        Map<String, Fields> result = new LinkedHashMap<>();
        map.get(key).filter(YMap.class::isInstance).map(YMap.class::cast)
                .ifPresent(m -> m.entries().forEach((k, e) -> result.put(k, Fields.of(e.value()))));
        return result;
    }

    private Optional<Object> scalar(String key) {
        return map.get(key).filter(YScalar.class::isInstance).map(n -> ((YScalar) n).value());
    }

    private Optional<List<YNode>> list(String key) {
        return map.get(key).filter(YList.class::isInstance).map(n -> ((YList) n).items());
    }
}
