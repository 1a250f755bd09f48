package dev.blueprint.cli.imports;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a blueprint tree (maps, lists, strings, numbers, booleans) as block YAML with a header comment. Strings are
 * written plain when YAML would read them back as the same string, else double-quoted with JSON escapes (valid
 * YAML), so a value from an imported file can never change the document's structure.
 */
final class BlueprintYaml {
    /** Plain scalars that read back as themselves: no indicators, no leading/trailing space, not a number or keyword. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9 _./:@+()-]*[A-Za-z0-9_./)]|[A-Za-z_]");
    private static final Pattern KEYWORD = Pattern.compile("(?i)y|n|yes|no|on|off|true|false|null|~");

    private BlueprintYaml() {
    }

    static String write(List<String> header, Map<String, Object> tree) {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append("# ").append(line.replaceAll("\\p{Cntrl}", " ")).append('\n'));
        map(out, tree, 0);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void map(StringBuilder out, Map<String, Object> map, int indent) {
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            Object value = entry.getValue();
            out.append(" ".repeat(indent)).append(scalar(entry.getKey())).append(':');
            if (value instanceof Map<?, ?> child) {
                if (child.isEmpty()) {
                    out.append(" {}\n");
                } else {
                    out.append('\n');
                    map(out, (Map<String, Object>) child, indent + 2);
                }
            } else if (value instanceof List<?> list) {
                if (list.isEmpty()) {
                    out.append(" []\n");
                } else {
                    out.append('\n');
                    for (Object item : list) {
                        out.append(" ".repeat(indent + 2)).append("- ").append(scalar(item)).append('\n');
                    }
                }
            } else {
                out.append(' ').append(scalar(value)).append('\n');
            }
        }
    }

    static String scalar(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = String.valueOf(value);
        if (PLAIN.matcher(text).matches() && !KEYWORD.matcher(text).matches() && !text.contains(": ") && !text.contains(" #")) {
            return text;
        }
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
