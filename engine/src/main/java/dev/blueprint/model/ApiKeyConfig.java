package dev.blueprint.model;

import java.util.Objects;

/**
 * An API key stored per connection, sent in a header or a query parameter.
 *
 * @param placement header or query
 * @param name      the header or parameter name
 * @param prefix    text placed before the key, e.g. {@code "Token "}; empty for none
 */
public record ApiKeyConfig(Placement placement, String name, String prefix) implements AuthConfig {
    /** Where the key goes. */
    public enum Placement { HEADER, QUERY }

    public ApiKeyConfig {
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
    }

    @Override
    public String mode() {
        return "api_key";
    }
}
