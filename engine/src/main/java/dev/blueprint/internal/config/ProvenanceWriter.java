package dev.blueprint.internal.config;

import dev.blueprint.yaml.Origin;
import dev.blueprint.yaml.YNode;
import dev.blueprint.yaml.YNode.YList;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes a merged integration as YAML with a comment on every value saying where it came from:
 * {@code blueprint FILE:L:C}, {@code override FILE:L:C}, {@code env NAME (FILE:L:C)} or {@code default}.
 * Secrets and every value taken from the environment are masked; the variable is named instead.
 */
public final class ProvenanceWriter {
    static final String MASK = "'****'";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i)(.*[_-])?(secret|password|passwd|api[_-]?key|access[_-]token|refresh[_-]token|token|authorization|cookie|credentials?)");
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.+/-]*");
    private static final Pattern RESERVED = Pattern.compile(
            "(?i)true|false|yes|no|on|off|y|n|null|~|\\.inf|\\.nan|[0-9].*");
    private static final int COMMENT_COLUMN = 56;

    private final List<String[]> lines = new ArrayList<>();

    private ProvenanceWriter() {
    }

    public static String write(YMap root) {
        ProvenanceWriter writer = new ProvenanceWriter();
        writer.map(root, 0, false);
        StringBuilder out = new StringBuilder();
        for (String[] line : writer.lines) {
            String text = line[0];
            if (line[1] != null) {
                text = text + " ".repeat(Math.max(1, COMMENT_COLUMN - text.length())) + "# " + line[1];
            }
            out.append(text).append('\n');
        }
        return out.toString();
    }

    private void map(YMap map, int indent, boolean secret) {
        map.entries().forEach((key, entry) -> {
            String prefix = "  ".repeat(indent) + quote(key) + ":";
            boolean secretHere = secret || SECRET_KEY.matcher(key).matches();
            node(prefix, entry.value(), indent, secretHere);
        });
    }

    private void node(String prefix, YNode value, int indent, boolean secret) {
        if (value instanceof YMap child) {
            if (child.entries().isEmpty()) {
                lines.add(new String[] {prefix + " {}", describe(child.origin())});
            } else {
                lines.add(new String[] {prefix, null});
                map(child, indent + 1, secret);
            }
        } else if (value instanceof YList list) {
            if (list.items().isEmpty()) {
                lines.add(new String[] {prefix + " []", describe(list.origin())});
                return;
            }
            lines.add(new String[] {prefix, null});
            for (YNode item : list.items()) {
                node("  ".repeat(indent + 1) + "-", item, indent + 1, secret);
            }
        } else {
            YScalar scalar = (YScalar) value;
            lines.add(new String[] {prefix + " " + scalar(scalar, secret), describe(scalar.origin())});
        }
    }

    private static String scalar(YScalar scalar, boolean secret) {
        if (scalar.isNull()) {
            return "null";
        }
        if (secret || scalar.origin().fromEnvironment()) {
            return MASK;
        }
        Object value = scalar.value();
        return value instanceof String text ? quote(text) : String.valueOf(value);
    }

    static String quote(String text) {
        if (PLAIN.matcher(text).matches() && !RESERVED.matcher(text).matches()) {
            return text;
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String describe(Origin origin) {
        return switch (origin.source()) {
            case DEFAULT -> "default";
            case BLUEPRINT -> "blueprint " + origin.position();
            case OVERRIDE -> origin.fromEnvironment()
                    ? "env " + String.join(", ", origin.environmentVariables()) + " (" + origin.position() + ")"
                    : "override " + origin.position();
        };
    }
}
