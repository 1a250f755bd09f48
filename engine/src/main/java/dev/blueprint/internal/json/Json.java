package dev.blueprint.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The engine's one JSON mapper for API bodies: tolerant of members a type does not declare (APIs add fields without
 * a version bump), bounded in nesting and number length like the engine's YAML, and thread-safe.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).maxNumberLength(100).build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    /** The body as a JSON tree, or empty when it is not JSON. */
    public static Optional<JsonNode> tree(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The node at a JSON pointer (RFC 6901); the empty pointer is the node itself. */
    public static JsonNode at(JsonNode node, String pointer) {
        return pointer.isEmpty() ? node : node.at(JsonPointer.compile(pointer));
    }
}
