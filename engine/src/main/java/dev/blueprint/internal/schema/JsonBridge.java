package dev.blueprint.internal.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blueprint.yaml.YNode;
import dev.blueprint.yaml.YNode.YList;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import java.math.BigInteger;
import java.util.Optional;

/** Converts a {@link YNode} tree to Jackson for schema validation, and finds nodes again by instance path. */
final class JsonBridge {
    private static final JsonNodeFactory FACTORY = JsonNodeFactory.instance;

    private JsonBridge() {
    }

    static JsonNode toJson(YNode node) {
        if (node instanceof YMap map) {
            ObjectNode object = FACTORY.objectNode();
            map.entries().forEach((key, entry) -> object.set(key, toJson(entry.value())));
            return object;
        }
        if (node instanceof YList list) {
            ArrayNode array = FACTORY.arrayNode();
            list.items().forEach(item -> array.add(toJson(item)));
            return array;
        }
        Object value = ((YScalar) node).value();
        if (value == null) {
            return FACTORY.nullNode();
        }
        if (value instanceof Boolean b) {
            return FACTORY.booleanNode(b);
        }
        if (value instanceof Long l) {
            return FACTORY.numberNode(l);
        }
        if (value instanceof BigInteger big) {
            return FACTORY.numberNode(big);
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? FACTORY.textNode(d.toString()) : FACTORY.numberNode(d);
        }
        return FACTORY.textNode(value.toString());
    }

    /** The node at {@code segments} (map keys as strings, list indexes as integers), if present. */
    static Optional<YNode> find(YNode root, Iterable<Object> segments) {
        YNode current = root;
        for (Object segment : segments) {
            if (current instanceof YMap map && segment instanceof String key && map.entries().containsKey(key)) {
                current = map.entries().get(key).value();
            } else if (current instanceof YList list && segment instanceof Integer index && index < list.items().size()) {
                current = list.items().get(index);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }
}
