package dev.blueprint.internal.template;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Mustache template compiled once. Rendering is strict, unlike Mustache's default: a missing variable is
 * an error, never an empty string, and nothing is HTML-escaped; values can be encoded (e.g. for a URL) first.
 */
public final class Template {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");
    /** Writes values as they are: these templates make URLs and headers, not HTML. */
    private static final DefaultMustacheFactory FACTORY = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private final String source;
    private final Mustache mustache;
    private final Set<String> variables;

    private Template(String source) {
        this.source = source;
        this.mustache = FACTORY.compile(new StringReader(source), "template-" + Integer.toHexString(source.hashCode()));
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(source);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        this.variables = Set.copyOf(names);
    }

    public static Template compile(String source) {
        return new Template(source);
    }

    /** The variables the template uses, such as {@code access_token} or {@code connection.subdomain}. */
    public Set<String> variables() {
        return variables;
    }

    /**
     * Renders with {@code values} (flat names such as {@code connection.subdomain}), each passed through
     * {@code encode} first.
     *
     * @throws MissingVariableException naming the first variable without a value
     */
    public String render(Map<String, String> values, UnaryOperator<String> encode) {
        if (variables.isEmpty()) {
            return source;
        }
        Map<String, Object> scope = new HashMap<>();
        for (String name : variables) {
            String value = values.get(name);
            if (value == null) {
                throw new MissingVariableException(name);
            }
            put(scope, name, encode.apply(value));
        }
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        return out.toString();
    }

    /** Nests {@code connection.subdomain} as {@code {connection: {subdomain: ...}}}, the way Mustache looks names up. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> scope, String dottedName, String value) {
        String[] parts = dottedName.split("\\.");
        Map<String, Object> current = scope;
        for (int i = 0; i < parts.length - 1; i++) {
            current = (Map<String, Object>) current.computeIfAbsent(parts[i], k -> new HashMap<String, Object>());
        }
        current.put(parts[parts.length - 1], value);
    }

    /** A template variable had no value. */
    public static final class MissingVariableException extends RuntimeException {
        private final String variable;

        MissingVariableException(String variable) {
            super("no value for template variable '" + variable + "'");
            this.variable = variable;
        }

        public String variable() {
            return variable;
        }
    }

    @Override
    public String toString() {
        return "Template[" + source + "]";
    }
}
