package dev.blueprint.yaml;

import dev.blueprint.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * Where a node came from: its position, its dotted path inside that file, who wrote it, and the
 * environment variables it was resolved from (names only, never values).
 */
public record Origin(SourcePosition position, String path, Source source, List<String> environmentVariables) {
    /** Who wrote a value. */
    public enum Source { BLUEPRINT, OVERRIDE, DEFAULT }

    public Origin {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(source, "source");
        environmentVariables = List.copyOf(environmentVariables);
    }

    public Origin(SourcePosition position, String path, Source source) {
        this(position, path, source, List.of());
    }

    /** The same origin with its path extended by a key, for problems about a missing child. */
    public String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public Origin withEnvironment(List<String> variables) {
        return new Origin(position, path, source, variables);
    }

    public Origin withPath(String newPath) {
        return new Origin(position, newPath, source, environmentVariables);
    }

    public boolean fromEnvironment() {
        return !environmentVariables.isEmpty();
    }
}
