package dev.blueprint.observe;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An attempt as an {@link Interceptor} sees it: what it may read, and the one thing it may change, its headers.
 * {@link #url()} is redacted; header values are as they will be sent, so treat {@code Authorization} as a secret.
 */
public interface InterceptedRequest {
    String integration();

    /** The connection id: for logs and traces, not for metric tags. */
    String connectionId();

    String method();

    /** The URL with secret query parameters masked. */
    String url();

    /** The attempt number, from 1. */
    int attempt();

    /** The first value of a header, if set. */
    Optional<String> header(String name);

    /** All headers, in order, as they will be sent. */
    List<Map.Entry<String, String>> headers();

    /** Sets a header, replacing any of the same name; a line break in the value is refused. */
    void setHeader(String name, String value);
}
