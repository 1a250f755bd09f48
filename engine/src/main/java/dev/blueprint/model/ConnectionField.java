package dev.blueprint.model;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A per-connection input such as a Zendesk subdomain. Every value must match {@link #pattern()} in full,
 * so a value rendered into a URL cannot change its host.
 */
public record ConnectionField(String name, Pattern pattern, Optional<String> description, Optional<String> example) {
    public ConnectionField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(example, "example");
    }

    /** Whether {@code value} is acceptable for this field. */
    public boolean accepts(String value) {
        return pattern.matcher(value).matches();
    }
}
