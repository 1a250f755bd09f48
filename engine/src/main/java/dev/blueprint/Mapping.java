package dev.blueprint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blueprint.internal.json.Json;
import java.net.http.HttpResponse;

/** Maps JSON bodies and items to the caller's types, failing with what was asked and why, not with Jackson's types. */
final class Mapping {
    private Mapping() {
    }

    static <T> T map(HttpResponse<String> response, JavaType type, String request) {
        try {
            return Json.MAPPER.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new UnexpectedBodyException(request, name(type), e.getOriginalMessage());
        }
    }

    static <T> T map(JsonNode item, JavaType type, String request) {
        try {
            return Json.MAPPER.treeToValue(item, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new UnexpectedBodyException(request, name(type), reason);
        }
    }

    private static String name(JavaType type) {
        return type.hasGenericTypes() ? type.toCanonical() : type.getRawClass().getSimpleName();
    }
}
