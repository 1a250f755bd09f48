package dev.blueprint.model;

import java.util.Objects;
import java.util.regex.Pattern;

/** A reference {@code name:vN} to one version of a blueprint in the catalog. */
public record BlueprintRef(String name, String version) implements Comparable<BlueprintRef> {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern VERSION = Pattern.compile("v[0-9]+");

    public BlueprintRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("blueprint name must be lowercase letters, digits, '-' or '_', got '" + name + "'");
        }
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("blueprint version must look like v0, got '" + version + "'");
        }
    }

    /** Parses {@code name:vN}; throws {@link IllegalArgumentException} naming the expected form. */
    public static BlueprintRef parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected NAME:VERSION such as outreach:v0, got '" + text + "'");
        }
        return new BlueprintRef(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The numeric part of the version, for ordering v2 before v10. */
    public int versionNumber() {
        return Integer.parseInt(version.substring(1));
    }

    @Override
    public int compareTo(BlueprintRef other) {
        int byName = name.compareTo(other.name);
        return byName != 0 ? byName : Integer.compare(versionNumber(), other.versionNumber());
    }

    @Override
    public String toString() {
        return name + ":" + version;
    }
}
