package dev.blueprint;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in a blueprint or an integrations file.
 *
 * <p>{@link #toString()} is the contract form {@code FILE:LINE:COL: path: message}. Messages never contain a
 * secret value: they describe what was expected, not what was found.
 *
 * @param position where the offending YAML node was written
 * @param path     the dotted key path inside that file, e.g. {@code integrations.outreach.oauth_scopes}
 * @param message  what is wrong and what was expected
 */
public record ConfigProblem(SourcePosition position, String path, String message) {
    /** Orders problems by file, then line, then column, then path. */
    public static final Comparator<ConfigProblem> IN_FILE_ORDER = Comparator
            .comparing((ConfigProblem p) -> p.position().file())
            .thenComparingInt(p -> p.position().line())
            .thenComparingInt(p -> p.position().column())
            .thenComparing(ConfigProblem::path)
            .thenComparing(ConfigProblem::message);

    public ConfigProblem {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path.isEmpty()
                ? position + ": " + message
                : position + ": " + path + ": " + message;
    }
}
