package dev.blueprint;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of an OAuth callback URL, decoded. RFC 6749 §3.1 forbids repeating a parameter, and a repeated
 * {@code state} or {@code code} is how a forged link would try to smuggle its own: such a query is refused. A shared
 * type of the root package (it uses no internals), so {@link AuthorizationRequest} and {@link Integration} read
 * callbacks the same way without a package cycle.
 */
final class CallbackParameters {
    private CallbackParameters() {
    }

    /**
     * @throws IllegalArgumentException for a malformed percent-encoding or a repeated parameter (neither quoted)
     */
    static Map<String, String> parse(URI callback) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = callback.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String name = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            if (params.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("the callback repeats its " + (name.matches("[A-Za-z0-9_.-]{1,40}") ? name : "a")
                        + " parameter, which OAuth forbids");
            }
        }
        return params;
    }

    /** The callback's state, if it has one and is well formed. */
    static Optional<String> state(URI callback) {
        try {
            return Optional.ofNullable(parse(callback).get("state"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
