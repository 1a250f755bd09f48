package dev.blueprint.internal.yaml;

import dev.blueprint.ConfigProblem;
import dev.blueprint.SourcePosition;
import dev.blueprint.yaml.YNode.Entry;
import dev.blueprint.yaml.Origin;
import dev.blueprint.yaml.YNode;
import dev.blueprint.yaml.YNode.YList;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import io.vavr.control.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads YAML text into a {@link YNode} tree with positions, refusing what configuration never needs:
 * custom tags, merge keys, duplicate keys, recursive aliases, and anything past {@link YamlLimits}.
 * Nothing is ever instantiated from a tag, so {@code !!java.lang.Runtime} is just an error.
 */
public final class YamlLoader {
    private static final Set<Tag> PLAIN_TAGS = Set.of(
            Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.MAP, Tag.SEQ);

    private final YamlLimits limits;

    public YamlLoader(YamlLimits limits) {
        this.limits = limits;
    }

    public YamlLoader() {
        this(YamlLimits.DEFAULT);
    }

    /**
     * Parses {@code bytes} of the file shown to users as {@code fileName}.
     *
     * @return the root node (a map, list or scalar), or every problem found
     */
    public Validation<List<ConfigProblem>, YNode> load(String fileName, byte[] bytes, Origin.Source source) {
        SourcePosition start = SourcePosition.startOf(fileName);
        if (bytes.length > limits.maxBytes()) {
            return Validation.invalid(List.of(tooLarge(fileName, bytes.length)));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return invalid(start, "file is not UTF-8 text");
        }
        if (text.isBlank()) {
            return invalid(start, "file is empty; expected a YAML map");
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - lineStart > limits.maxLineLength()) {
                    return invalid(new SourcePosition(fileName, line, limits.maxLineLength() + 1), String.format(
                            "line is %,d characters long; the limit is %,d (keep long values such as keys in ${ENV} variables)",
                            i - lineStart, limits.maxLineLength()));
                }
                line++;
                lineStart = i + 1;
            }
        }
        Node root;
        try {
            root = newYaml().compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            return invalid(positionOf(fileName, e.getProblemMark()), describe(e));
        } catch (ReaderException e) {
            return invalid(positionAt(fileName, text, e.getPosition()),
                    String.format("contains the non-printable character U+%04X; YAML files must be plain text", e.getCodePoint()));
        } catch (YAMLException e) {
            return invalid(start, describeLimit(e));
        }
        if (root == null) {
            return invalid(start, "file is empty; expected a YAML map");
        }
        Converter converter = new Converter(fileName, source);
        YNode tree = converter.convert(root, "", 0);
        return converter.problems.isEmpty() ? Validation.valid(tree) : Validation.invalid(List.copyOf(converter.problems));
    }

    /** The problem reported for a file of {@code size} bytes over the limit, without reading it. */
    public ConfigProblem tooLarge(String fileName, long size) {
        return new ConfigProblem(SourcePosition.startOf(fileName), "",
                String.format(java.util.Locale.ROOT, "file is %,d bytes; the limit is %,d bytes (%s)", size, limits.maxBytes(), size(limits.maxBytes())));
    }

    /** Whether a file of {@code size} bytes is within the limit. */
    public boolean fits(long size) {
        return size <= limits.maxBytes();
    }

    /**
     * Reads a configuration file for {@link #load}, or says in words why it cannot be read (missing, a directory,
     * unreadable, over the limit). Reads at most one byte past the limit: a device or a pipe reports a size of 0
     * and may never end, so the size alone bounds nothing.
     *
     * @param shown the file as shown to users
     */
    public Validation<ConfigProblem, byte[]> read(Path file, String shown) {
        try {
            if (Files.isDirectory(file)) {
                return Validation.invalid(fileProblem(shown, "is a directory; expected a YAML file"));
            }
            long size = Files.size(file);
            if (!fits(size)) {
                return Validation.invalid(tooLarge(shown, size)); // refused before reading, with the exact size
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE, limits.maxBytes() + 1L));
                return fits(bytes.length) ? Validation.valid(bytes) : Validation.invalid(fileProblem(shown, String.format(
                        java.util.Locale.ROOT, "file is larger than the limit of %,d bytes (%s)", limits.maxBytes(), size(limits.maxBytes()))));
            }
        } catch (NoSuchFileException e) {
            return Validation.invalid(fileProblem(shown, "file not found"));
        } catch (AccessDeniedException e) {
            return Validation.invalid(fileProblem(shown, "cannot read file: permission denied"));
        } catch (IOException e) {
            // An exception's class name means nothing to a user; the operating system's reason may.
            String reason = e instanceof FileSystemException fs && fs.getReason() != null ? ": " + fs.getReason() : "";
            return Validation.invalid(fileProblem(shown, "cannot read file" + reason));
        }
    }

    private static ConfigProblem fileProblem(String shown, String message) {
        return new ConfigProblem(SourcePosition.startOf(shown), "", message);
    }

    private Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxDepth());
        options.setCodePointLimit(limits.maxBytes());
        options.setAllowRecursiveKeys(false);
        options.setProcessComments(false);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    }

    private static Validation<List<ConfigProblem>, YNode> invalid(SourcePosition at, String message) {
        return Validation.invalid(List.of(new ConfigProblem(at, "", message)));
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
        if (problem.contains("\\t") || problem.contains("TAB")) {
            return "a tab character is used for indentation; YAML allows only spaces";
        }
        String globalTag = "Global tag is not allowed: ";
        if (problem.startsWith(globalTag)) {
            return describeTag(new Tag(problem.substring(globalTag.length()).trim()));
        }
        // SnakeYAML's own message quotes the source line; that line may hold a secret, so keep only the problem.
        String context = e.getContext() == null ? "" : e.getContext() + ": ";
        return "invalid YAML: " + context + problem;
    }

    private String describeLimit(YAMLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("aliases")) {
            return "too many aliases (more than " + limits.maxAliases() + "): refusing a possible alias bomb";
        }
        if (message.contains("Nesting Depth")) {
            return "nesting is deeper than " + limits.maxDepth() + " levels";
        }
        if (message.contains("code points")) {
            return "file is larger than " + size(limits.maxBytes());
        }
        return "invalid YAML: " + message;
    }

    private static SourcePosition positionOf(String file, Mark mark) {
        return mark == null ? SourcePosition.startOf(file) : new SourcePosition(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static SourcePosition positionAt(String file, String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SourcePosition(file, line, column);
    }

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? String.format(java.util.Locale.ROOT, "%.0f MiB", bytes / (double) (1 << 20))
                : String.format(java.util.Locale.ROOT, "%.0f KiB", bytes / 1024.0);
    }

    /** Walks SnakeYAML's node graph once, collecting problems instead of stopping at the first. */
    private final class Converter {
        private final String file;
        private final Origin.Source source;
        private final List<ConfigProblem> problems = new ArrayList<>();
        private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
        private int nodes;

        Converter(String file, Origin.Source source) {
            this.file = file;
            this.source = source;
        }

        YNode convert(Node node, String path, int depth) {
            Origin origin = new Origin(positionOf(file, node.getStartMark()), path, source);
            if (++nodes > limits.maxNodes()) {
                return fail(origin, "more than " + limits.maxNodes() + " values after expanding aliases");
            }
            if (depth > limits.maxDepth()) {
                return fail(origin, "nesting is deeper than " + limits.maxDepth() + " levels");
            }
            if (!PLAIN_TAGS.contains(node.getTag())) {
                return fail(origin, describeTag(node.getTag()));
            }
            if (!onPath.add(node)) {
                return fail(origin, "an alias refers to a node that contains it; recursive YAML is not allowed");
            }
            try {
                if (node instanceof MappingNode map) {
                    return convertMap(map, origin, depth);
                }
                if (node instanceof SequenceNode seq) {
                    List<YNode> items = new ArrayList<>();
                    for (int i = 0; i < seq.getValue().size(); i++) {
                        items.add(convert(seq.getValue().get(i), path + "[" + i + "]", depth + 1));
                    }
                    return new YList(items, origin);
                }
                return new YScalar(scalarValue((ScalarNode) node), origin);
            } finally {
                onPath.remove(node);
            }
        }

        private YNode convertMap(MappingNode map, Origin origin, int depth) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                Node keyNode = tuple.getKeyNode();
                SourcePosition keyAt = positionOf(file, keyNode.getStartMark());
                if (!(keyNode instanceof ScalarNode scalarKey) || !PLAIN_TAGS.contains(keyNode.getTag())) {
                    String message = keyNode.getTag().equals(Tag.MERGE)
                            ? "YAML merge keys (<<) are not supported; write the keys out"
                            : "keys must be plain text";
                    problems.add(new ConfigProblem(keyAt, origin.path(), message));
                    continue;
                }
                String key = scalarKey.getValue();
                String childPath = origin.childPath(key);
                Entry earlier = entries.get(key);
                if (earlier != null) {
                    problems.add(new ConfigProblem(keyAt, childPath,
                            "duplicate key; first defined at line " + earlier.keyOrigin().position().line()));
                    continue;
                }
                YNode value = convert(tuple.getValueNode(), childPath, depth + 1);
                entries.put(key, new Entry(new Origin(keyAt, childPath, source), value));
            }
            return new YMap(entries, origin);
        }

        private YNode fail(Origin origin, String message) {
            problems.add(new ConfigProblem(origin.position(), origin.path(), message));
            return new YScalar(null, origin);
        }
    }

    private static String describeTag(Tag tag) {
        String shown = tag.getValue().startsWith(Tag.PREFIX) ? "!!" + tag.getValue().substring(Tag.PREFIX.length()) : tag.getValue();
        return "YAML tag '" + shown + "' is not allowed; only plain values, lists and maps are";
    }

    /** Resolves a plain scalar the way YAML's core schema reads it; anything unreadable stays text. */
    static Object scalarValue(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return Set.of("true", "yes", "on", "y").contains(text.toLowerCase(java.util.Locale.ROOT));
        }
        if (tag.equals(Tag.INT)) {
            return parseInteger(text);
        }
        if (tag.equals(Tag.FLOAT)) {
            return parseFloat(text);
        }
        return text;
    }

    private static Object parseInteger(String text) {
        String digits = text.replace("_", "");
        try {
            BigInteger value;
            if (digits.startsWith("0x") || digits.startsWith("-0x")) {
                value = new BigInteger(digits.replaceFirst("0x", ""), 16);
            } else if (digits.startsWith("0o")) {
                value = new BigInteger(digits.substring(2), 8);
            } else {
                value = new BigInteger(digits);
            }
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private static Object parseFloat(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT).replace("_", "");
        switch (lower) {
            case ".inf", "+.inf": return Double.POSITIVE_INFINITY;
            case "-.inf": return Double.NEGATIVE_INFINITY;
            case ".nan": return Double.NaN;
            default:
                try {
                    return Double.parseDouble(lower);
                } catch (NumberFormatException e) {
                    return text;
                }
        }
    }
}
