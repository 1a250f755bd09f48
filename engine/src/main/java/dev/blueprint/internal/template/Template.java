package dev.blueprint.internal.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request template ({@code https://{{connection.subdomain}}.zendesk.com}) compiled once into literal text and
 * variables. The language is Mustache's variable tag and nothing else: validation refuses every other tag (sections,
 * partials, comments, triple braces) as an unknown variable, so rendering is a substitution. Rendering is strict,
 * unlike Mustache's default: a missing variable is an error, never an empty string, and nothing is HTML-escaped;
 * values can be encoded (e.g. for a URL) first.
 */
public final class Template {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");

    /** Literal text, or the name of a variable. */
    private record Part(String text, boolean variable) {
    }

    private final String source;
    private final List<Part> parts;
    private final Set<String> variables;

    private Template(String source) {
        this.source = source;
        List<Part> compiled = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(source);
        int literalStart = 0;
        while (matcher.find()) {
            if (matcher.start() > literalStart) {
                compiled.add(new Part(source.substring(literalStart, matcher.start()), false));
            }
            compiled.add(new Part(matcher.group(1), true));
            names.add(matcher.group(1));
            literalStart = matcher.end();
        }
        if (literalStart < source.length()) {
            compiled.add(new Part(source.substring(literalStart), false));
        }
        this.parts = List.copyOf(compiled);
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
        StringBuilder out = new StringBuilder(source.length() + 32);
        for (Part part : parts) {
            if (!part.variable()) {
                out.append(part.text());
                continue;
            }
            String value = values.get(part.text());
            if (value == null) {
                throw new MissingVariableException(part.text());
            }
            out.append(encode.apply(value));
        }
        return out.toString();
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
