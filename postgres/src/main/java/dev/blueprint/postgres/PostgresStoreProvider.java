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
 * password) and {@code BLUEPRINT_STORE_LOCK_TIMEOUT} (ISO-8601, default PT30S).
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
        String lockTimeout = settings.get("BLUEPRINT_STORE_LOCK_TIMEOUT");
        if (lockTimeout != null && !lockTimeout.isBlank()) {
            try {
                options = options.withLockTimeout(Duration.parse(lockTimeout));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("BLUEPRINT_STORE_LOCK_TIMEOUT must be an ISO-8601 duration such as PT30S, got '"
                        + lockTimeout + "'");
            }
        }
        return PostgresBackend.open(url, options);
    }
}
