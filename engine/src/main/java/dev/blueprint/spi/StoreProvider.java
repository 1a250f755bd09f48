package dev.blueprint.spi;

import java.util.Map;

/**
 * Opens a credential store (and shared rate limits, if it can hold them) from a URL such as
 * {@code jdbc:postgresql://db/app}. Found with {@link java.util.ServiceLoader}: putting a module such as
 * {@code blueprint-postgres} on the class path makes its URLs work in {@code BLUEPRINT_STORE_URL} and
 * {@code BlueprintEngine.Builder#storeUrl}.
 */
public interface StoreProvider {
    /** Whether this provider opens {@code url}. */
    boolean accepts(String url);

    /**
     * Opens the store at {@code url}, creating or migrating its schema.
     *
     * @param settings the engine's environment ({@code BLUEPRINT_ENCRYPTION_KEY} and the provider's own settings)
     */
    StoreBackend open(String url, Map<String, String> settings);
}
