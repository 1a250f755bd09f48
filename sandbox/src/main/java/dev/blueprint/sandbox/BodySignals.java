package dev.blueprint.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blueprint.model.RateLimitConfig;
import java.time.Instant;

/** Throttled bodies as APIs that throttle in the payload write them: the signal's value at its JSON pointer. */
final class BodySignals {
    private static final ObjectMapper JSON = JsonShapes.JSON;

    private BodySignals() {
    }

    /** A JSON body saying "throttled" at the signal's pointer and, when it has one, the wait until {@code reset} at its wait pointer. */
    static String throttled(RateLimitConfig.BodySignal signal, Instant reset, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        JsonShapes.put(root, signal.pointer(), JSON.getNodeFactory().textNode(signal.values().get(0)));
        signal.waitPointer().ifPresent(pointer -> JsonShapes.put(root, pointer,
                JSON.getNodeFactory().textNode(Sandbox.formatReset(signal.waitFormat(), reset, now))));
        return root.toString();
    }
}
