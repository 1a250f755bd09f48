package dev.blueprint;

import java.util.Objects;

/**
 * Where a value was written: a file as the user named it, with 1-based line and column.
 *
 * @param file   the file as shown to users, e.g. {@code integrations.yaml} or {@code blueprints/outreach/v0.yaml}
 * @param line   1-based line
 * @param column 1-based column
 */
public record SourcePosition(String file, int line, int column) {
    public SourcePosition {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
    }

    /** The start of a file, for problems that belong to the file as a whole. */
    public static SourcePosition startOf(String file) {
        return new SourcePosition(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
