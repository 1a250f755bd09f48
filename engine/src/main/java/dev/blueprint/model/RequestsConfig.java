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
 * @param timeout        per-attempt deadline for the whole exchange: headers and a buffered body (default 30 s)
 * @param connectTimeout connection timeout (default 10 s)
 * @param maxResponseBytes      the largest API response body read into memory (default 10 MiB)
 * @param maxTokenResponseBytes the largest token endpoint answer read (default 64 KiB)
 */
public record RequestsConfig(
        String baseUrl,
        Map<String, String> headers,
        Map<String, String> query,
        Duration timeout,
        Duration connectTimeout,
        long maxResponseBytes,
        long maxTokenResponseBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 10L << 20;
    public static final long DEFAULT_MAX_TOKEN_RESPONSE_BYTES = 64L << 10;

    /** With the default body limits. */
    public RequestsConfig(String baseUrl, Map<String, String> headers, Map<String, String> query, Duration timeout,
                          Duration connectTimeout) {
        this(baseUrl, headers, query, timeout, connectTimeout, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_TOKEN_RESPONSE_BYTES);
    }

    public RequestsConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        query = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(query));
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxResponseBytes < 1 || maxTokenResponseBytes < 1) {
            throw new IllegalArgumentException("body limits must be positive, got " + maxResponseBytes + " and " + maxTokenResponseBytes);
        }
    }
}
