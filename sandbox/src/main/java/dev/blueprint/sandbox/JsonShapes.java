package dev.blueprint.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds JSON bodies shaped the way a blueprint's pointers say an API shapes them. */
final class JsonShapes {
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonShapes() {
    }

    /** Puts {@code value} at an RFC 6901 pointer, creating objects, and arrays for numeric segments, on the way. */
    static void put(ObjectNode root, String pointer, JsonNode value) {
        String[] segments = pointer.substring(1).split("/", -1);
        JsonNode node = root;
        for (int i = 0; i < segments.length - 1; i++) {
            boolean wantArray = segments[i + 1].matches("\\d+");
            JsonNode child = get(node, segments[i]);
            if (child == null || (wantArray ? !child.isArray() : !child.isObject())) {
                child = wantArray ? JSON.createArrayNode() : JSON.createObjectNode();
                set(node, segments[i], child);
            }
            node = child;
        }
        set(node, segments[segments.length - 1], value);
    }

    private static JsonNode get(JsonNode node, String segment) {
        if (node instanceof ArrayNode array) {
            int index = Integer.parseInt(segment);
            return index < array.size() && !array.get(index).isNull() ? array.get(index) : null;
        }
        return node.get(unescape(segment));
    }

    private static void set(JsonNode node, String segment, JsonNode value) {
        if (node instanceof ArrayNode array) {
            int index = Integer.parseInt(segment);
            while (array.size() <= index) {
                array.addNull();
            }
            array.set(index, value);
        } else {
            ((ObjectNode) node).set(unescape(segment), value);
        }
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
