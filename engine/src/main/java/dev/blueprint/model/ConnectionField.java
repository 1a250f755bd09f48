package dev.blueprint.model;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A per-connection input such as a Zendesk subdomain, given when connecting or, with {@link #source()}, learned while
 * connecting. Every value must match {@link #pattern()} in full, so a value rendered into a URL cannot change its host.
 *
 * @param source where the value is learned (the token response, the callback); empty: the user gives it
 */
public record ConnectionField(String name, Pattern pattern, Optional<String> description, Optional<String> example,
                              Optional<ConnectionValueSource> source) {
    /** One literal alternative: letters, digits, '-' and escaped dots, nothing that matches more than itself. */
    private static final Pattern LITERAL = Pattern.compile("(?:[A-Za-z0-9-]|\\\\\\.)+");

    public ConnectionField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(source, "source");
    }

    /** A field the user gives a value for. */
    public ConnectionField(String name, Pattern pattern, Optional<String> description, Optional<String> example) {
        this(name, pattern, description, example, Optional.empty());
    }

    /** Whether the value is learned while connecting rather than given. */
    public boolean learned() {
        return source.isPresent();
    }

    /** Whether {@code value} is acceptable for this field. */
    public boolean accepts(String value) {
        return pattern.matcher(value).matches();
    }

    /**
     * Every value the field accepts, when its pattern is a list of literal words ({@code com|eu|com\.au}, optionally
     * in one group); empty for any other pattern. A host that ends with such a field is pinned to a known set.
     */
    public Optional<Set<String>> enumeratedValues() {
        String text = pattern.pattern();
        if (text.startsWith("(?:") && text.endsWith(")")) {
            text = text.substring(3, text.length() - 1);
        } else if (text.startsWith("(") && text.endsWith(")")) {
            text = text.substring(1, text.length() - 1);
        }
        Set<String> values = new LinkedHashSet<>();
        for (String alternative : text.split("\\|", -1)) {
            if (!LITERAL.matcher(alternative).matches()) {
                return Optional.empty();
            }
            values.add(alternative.replace("\\.", "."));
        }
        return Optional.of(Set.copyOf(values));
    }
}
