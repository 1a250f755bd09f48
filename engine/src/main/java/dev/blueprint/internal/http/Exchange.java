package dev.blueprint.internal.http;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The request as it moves through the pipeline; each stage returns a changed copy. Until the render stage
 * runs, {@link #uri()} is null and {@link #path()} is relative to the blueprint's base URL.
 *
 * @param method  HTTP method, upper case
 * @param path    path relative to base_url
 * @param query   query parameters in order (names and values unencoded)
 * @param headers headers in order
 * @param body    the body bytes, or null; kept as bytes so a retry can send it again
 * @param timeout per-attempt response timeout
 * @param uri     the absolute URI, once rendered
 */
public record Exchange(String method, String path, List<Map.Entry<String, String>> query,
                       List<Map.Entry<String, String>> headers, byte[] body, Duration timeout, URI uri) {
    public Exchange {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = List.copyOf(query);
        headers = List.copyOf(headers);
        Objects.requireNonNull(timeout, "timeout");
    }

    public Exchange withUri(URI newUri) {
        return new Exchange(method, path, query, headers, body, timeout, newUri);
    }

    /** Adds a header unless the caller already set one of that name (the caller's value wins). */
    public Exchange withDefaultHeader(String name, String value) {
        boolean present = headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name));
        return present ? this : withHeader(name, value);
    }

    /** Sets a header, replacing any of the same name. */
    public Exchange withHeader(String name, String value) {
        List<Map.Entry<String, String>> copy = new ArrayList<>();
        headers.stream().filter(h -> !h.getKey().equalsIgnoreCase(name)).forEach(copy::add);
        copy.add(Map.entry(name, value));
        return new Exchange(method, path, query, copy, body, timeout, uri);
    }

    @Override
    public String toString() {
        // Headers and bodies may hold secrets; the pipeline logs through the redactor instead.
        return "Exchange[" + method + " " + path + "]";
    }
}
