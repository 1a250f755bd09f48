package dev.blueprint.internal.yaml;

/**
 * Bounds that keep hostile YAML cheap to reject. Configuration files are small: a real blueprint is a few
 * kilobytes and five levels deep.
 *
 * @param maxBytes   largest file accepted
 * @param maxDepth   deepest nesting of maps and lists
 * @param maxAliases most aliases to maps or lists (stops "billion laughs")
 * @param maxNodes   most nodes after alias expansion
 * @param maxLineLength longest line, in characters: SnakeYAML re-copies its buffer for every 1,024 characters of
 *                   one token, so a single line of a megabyte costs gigabytes of allocation to parse
 */
public record YamlLimits(int maxBytes, int maxDepth, int maxAliases, int maxNodes, int maxLineLength) {
    public static final YamlLimits DEFAULT = new YamlLimits(1 << 20, 32, 20, 100_000, 1 << 16);

    public YamlLimits {
        if (maxBytes < 1 || maxDepth < 1 || maxAliases < 0 || maxNodes < 1 || maxLineLength < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
