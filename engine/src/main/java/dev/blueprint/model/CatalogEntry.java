package dev.blueprint.model;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A blueprint as the catalog lists it, without loading it: for the bundled catalog this comes from an index, so
 * listing is cheap.
 *
 * @param ref         name and version
 * @param displayName human name
 * @param authMode    the {@code auth.mode}
 * @param docsUrl     the provider's API documentation, if declared
 * @param categories  catalog categories
 */
public record CatalogEntry(BlueprintRef ref, String displayName, String authMode, Optional<URI> docsUrl, List<String> categories) {
    public CatalogEntry {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(authMode, "authMode");
        Objects.requireNonNull(docsUrl, "docsUrl");
        categories = List.copyOf(categories);
    }
}
