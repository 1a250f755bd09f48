package dev.blueprint.model;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How requests are built.
 *
 * @param baseUrl        template of the base URL; may use {@code {{connection.NAME}}}
 * @param headers        default headers (templates), in declaration order
 * @param query          default query parameters (templates)
 * @param timeout        per-attempt response timeout (default 30 s)
 * @param connectTimeout connection timeout (default 10 s)
 */
public record RequestsConfig(
        String baseUrl,
        Map<String, String> headers,
        Map<String, String> query,
        Duration timeout,
        Duration connectTimeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public RequestsConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        query = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(query));
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
    }
}
