package dev.blueprint.postgres;

import dev.blueprint.spi.StoreBackend;
import dev.blueprint.spi.StoreProvider;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Opens {@code jdbc:postgresql:} URLs for the engine ({@code BLUEPRINT_STORE_URL} or {@code storeUrl}). Settings:
 * {@code BLUEPRINT_ENCRYPTION_KEY} (token values encrypted at rest), {@code PGPASSWORD} (when the URL has no
 * password), {@code BLUEPRINT_STORE_LOCK_TIMEOUT} (ISO-8601, default PT30S) and {@code BLUEPRINT_STORE_WINDOW_EDGE}
 * (ISO-8601, default PT0.1S: how long a request may take to reach the provider).
 */
public final class PostgresStoreProvider implements StoreProvider {
    @Override
    public boolean accepts(String url) {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public StoreBackend open(String url, Map<String, String> settings) {
        PostgresOptions options = PostgresOptions.defaults()
                .withEncryptionKey(Optional.ofNullable(settings.get("BLUEPRINT_ENCRYPTION_KEY")).filter(k -> !k.isBlank()))
                .withPassword(Optional.ofNullable(settings.get("PGPASSWORD")));
        Optional<Duration> lockTimeout = duration(settings, "BLUEPRINT_STORE_LOCK_TIMEOUT");
        if (lockTimeout.isPresent()) {
            options = options.withLockTimeout(lockTimeout.get());
        }
        Optional<Duration> edge = duration(settings, "BLUEPRINT_STORE_WINDOW_EDGE");
        if (edge.isPresent()) {
            options = options.withWindowEdge(edge.get());
        }
        return PostgresBackend.open(url, options);
    }

    private static Optional<Duration> duration(Map<String, String> settings, String name) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT30S, got '" + value + "'");
        }
    }
}
