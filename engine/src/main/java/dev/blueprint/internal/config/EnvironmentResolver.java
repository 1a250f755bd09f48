package dev.blueprint.internal.config;

import dev.blueprint.ConfigProblem;
import dev.blueprint.yaml.YNode;
import dev.blueprint.yaml.YNode.Entry;
import dev.blueprint.yaml.YNode.YList;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${NAME}} and {@code ${NAME:-default}} in string values of integrations.yaml; {@code $${} is a
 * literal {@code ${}. Resolved values are always strings. Problems name the variable, never a value.
 */
public final class EnvironmentResolver {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, String> environment;

    public EnvironmentResolver(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Returns the tree with every reference resolved, adding a problem per unresolvable reference. */
    public YNode resolve(YNode node, List<ConfigProblem> problems) {
        if (node instanceof YMap map) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            map.entries().forEach((key, entry) ->
                    entries.put(key, new Entry(entry.keyOrigin(), resolve(entry.value(), problems))));
            return new YMap(entries, map.origin());
        }
        if (node instanceof YList list) {
            return new YList(list.items().stream().map(item -> resolve(item, problems)).toList(), list.origin());
        }
        YScalar scalar = (YScalar) node;
        return scalar.value() instanceof String text && text.contains("$") ? resolveText(scalar, text, problems) : scalar;
    }

    private YNode resolveText(YScalar scalar, String text, List<ConfigProblem> problems) {
        StringBuilder out = new StringBuilder();
        List<String> used = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    problems.add(problem(scalar, "'${' is not closed; write ${NAME}, ${NAME:-default} or $${ for a literal"));
                    return scalar;
                }
                String reference = text.substring(i + 2, close);
                String value = lookup(scalar, reference, problems);
                if (value == null) {
                    return scalar;
                }
                used.add(variableName(reference));
                out.append(value);
                i = close + 1;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return new YScalar(out.toString(), used.isEmpty() ? scalar.origin() : scalar.origin().withEnvironment(used));
    }

    private String lookup(YScalar scalar, String reference, List<ConfigProblem> problems) {
        int dash = reference.indexOf(":-");
        String name = variableName(reference);
        if (!NAME.matcher(name).matches()) {
            problems.add(problem(scalar, "'${" + name + "}' is not a valid variable name; use letters, digits and '_'"));
            return null;
        }
        String value = environment.apply(name);
        if (value != null) {
            return value;
        }
        if (dash >= 0) {
            return reference.substring(dash + 2);
        }
        problems.add(problem(scalar, "environment variable " + name + " is not set"));
        return null;
    }

    private static String variableName(String reference) {
        int dash = reference.indexOf(":-");
        return dash >= 0 ? reference.substring(0, dash) : reference;
    }

    private static ConfigProblem problem(YScalar scalar, String message) {
        return new ConfigProblem(scalar.origin().position(), scalar.origin().path(), message);
    }
}
