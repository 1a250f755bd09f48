package dev.blueprint.internal.http;

import dev.blueprint.internal.url.Origins;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The request as it moves down the pipeline; each stage passes on a changed copy. Until the render stage runs,
 * {@link #uri()} and {@link #apiOrigin()} are null and {@link #path()} is relative to the blueprint's base URL.
 *
 * @param method    HTTP method, upper case
 * @param path      path relative to base_url
 * @param query     query parameters in order (names and values unencoded)
 * @param headers   headers in order
 * @param body      the body bytes, or null; kept as bytes so a retry can send it again
 * @param timeout   per-attempt response timeout
 * @param uri       the absolute URI, once rendered
 * @param apiOrigin where the API lives (the rendered base URL): credentials and rate limits belong to that origin
 * @param attempt   the retry policy's attempt number, from 1; 0 before the retry stage
 * @param nextPage  {@link #path()} is an absolute next-page URL the API gave (a Link header, a body's links.next):
 *                  rendered only if it lies under the connection's base URL
 */
public record Exchange(String method, String path, List<Map.Entry<String, String>> query,
                       List<Map.Entry<String, String>> headers, byte[] body, Duration timeout, URI uri, URI apiOrigin,
                       int attempt, boolean nextPage) {
    public Exchange {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = List.copyOf(query);
        headers = List.copyOf(headers);
        Objects.requireNonNull(timeout, "timeout");
    }

    /** A request to render against the base URL. */
    public static Exchange relative(String method, String path, List<Map.Entry<String, String>> query,
                                    List<Map.Entry<String, String>> headers, byte[] body, Duration timeout) {
        return new Exchange(method, path, query, headers, body, timeout, null, null, 0, false);
    }

    /** A next page at an absolute URL the API gave, to render only under the connection's base URL. */
    public static Exchange nextPage(String method, URI next, List<Map.Entry<String, String>> headers, Duration timeout) {
        return new Exchange(method, next.toString(), List.of(), headers, null, timeout, null, null, 0, true);
    }

    /** A request to an absolute URL (a token endpoint), whose origin is its own. */
    public static Exchange absolute(String method, URI uri, List<Map.Entry<String, String>> headers, byte[] body, Duration timeout) {
        return new Exchange(method, uri.getRawPath() == null ? "" : uri.getRawPath(), List.of(), headers, body, timeout, uri, uri, 0, false);
    }


    public Exchange withUri(URI newUri) {
        return new Exchange(method, path, query, headers, body, timeout, newUri, apiOrigin, attempt, nextPage);
    }

    Exchange withAttempt(int number) {
        return new Exchange(method, path, query, headers, body, timeout, uri, apiOrigin, number, nextPage);
    }

    /** Whether this request goes to another origin than the API's (a redirect to a CDN or another host). */
    boolean crossOrigin() {
        // Until a redirect, the URI is the origin's own object: nothing to compare.
        return apiOrigin != null && uri != apiOrigin && !Origins.same(uri, apiOrigin);
    }

    /**
     * The rendered request: its URI, which is also the API's origin for every later hop, and the default headers the
     * caller did not set (the caller's value wins), in one copy.
     */
    Exchange rendered(URI rendered, List<Map.Entry<String, String>> defaults) {
        return new Exchange(method, path, query, withDefaults(defaults), body, timeout, rendered, rendered, attempt, nextPage);
    }

    private List<Map.Entry<String, String>> withDefaults(List<Map.Entry<String, String>> defaults) {
        if (defaults.isEmpty()) {
            return headers;
        }
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers.size() + defaults.size());
        copy.addAll(headers);
        for (Map.Entry<String, String> header : defaults) {
            boolean present = false;
            for (Map.Entry<String, String> set : headers) {
                if (set.getKey().equalsIgnoreCase(header.getKey())) {
                    present = true;
                    break;
                }
            }
            if (!present) {
                copy.add(header);
            }
        }
        return copy;
    }

    /** Sets a header, replacing any of the same name. */
    public Exchange withHeader(String name, String value) {
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers.size() + 1);
        for (Map.Entry<String, String> header : headers) {
            if (!header.getKey().equalsIgnoreCase(name)) {
                copy.add(header);
            }
        }
        copy.add(Map.entry(name, value));
        return withHeaders(copy);
    }

    Exchange withHeaders(List<Map.Entry<String, String>> newHeaders) {
        return new Exchange(method, path, query, newHeaders, body, timeout, uri, apiOrigin, attempt, nextPage);
    }

    /** Another request of the same call (a redirect's next hop). */
    Exchange hop(String newMethod, List<Map.Entry<String, String>> newHeaders, byte[] newBody, URI target) {
        return new Exchange(newMethod, path, query, newHeaders, newBody, timeout, target, apiOrigin, attempt, nextPage);
    }

    @Override
    public String toString() {
        // Headers and bodies may hold secrets; the pipeline logs through the redactor instead.
        return "Exchange[" + method + " " + path + "]";
    }
}
