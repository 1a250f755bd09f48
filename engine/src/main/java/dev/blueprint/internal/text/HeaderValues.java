package dev.blueprint.internal.text;

import java.net.http.HttpHeaders;
import java.util.List;

/**
 * Header look-ups on every response without the stream and {@code Optional} that {@link HttpHeaders#firstValue}
 * allocates. {@link HttpHeaders} is final and its map ignores case, so a map look-up finds what firstValue finds.
 */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** The first value of the header {@code name}, or null. */
    public static String first(HttpHeaders headers, String name) {
        List<String> values = headers.map().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
