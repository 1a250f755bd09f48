package dev.blueprint.internal.config;

import dev.blueprint.ConfigProblem;
import dev.blueprint.internal.http.HostPin;
import dev.blueprint.internal.text.Suggestions;
import dev.blueprint.model.ConnectionField;
import dev.blueprint.yaml.Origin;
import dev.blueprint.yaml.YNode;
import dev.blueprint.yaml.YNode.Entry;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a schema-valid blueprint tree for what JSON Schema cannot express: regular expressions that
 * compile, template variables that exist, URLs that parse, durations that fit, consistent backoff.
 */
public final class SemanticChecker {
    /** Variables known at request time; {@code connection.NAME} comes on top, from connection_config. */
    public static final Set<String> REQUEST_VARIABLES = Set.of("access_token", "api_key", "username", "password", "client_id");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern DURATION_KEYS = Pattern.compile(
            "margin|default_access_token_ttl|refresh_token_ttl|timeout|connect_timeout|max_wait|per|initial|max|max_elapsed");

    /** Durations the schema accepts; only those can still be out of range here. */
    private static final Pattern DURATION_SHAPE = Pattern.compile("P(?=\\d|T\\d)(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d{1,9})?S)?)?");

    private SemanticChecker() {
    }

    public static List<ConfigProblem> check(YNode tree) {
        List<ConfigProblem> problems = new ArrayList<>();
        if (!(tree instanceof YMap root)) {
            return problems;
        }
        Set<String> variables = new LinkedHashSet<>(REQUEST_VARIABLES);
        Map<String, ConnectionField> fields = new HashMap<>();
        Map<String, YScalar> patterns = new HashMap<>();
        child(root, "connection_config").ifPresent(config -> config.entries().forEach((name, field) -> {
            variables.add("connection." + name);
            if (field.value() instanceof YMap fieldMap) {
                scalar(fieldMap, "pattern").ifPresent(p -> checkPattern(p, problems).ifPresent(compiled -> {
                    fields.put(name, new ConnectionField(name, compiled, Optional.empty(), Optional.empty()));
                    patterns.put(name, p);
                }));
            }
        }));
        child(root, "requests").ifPresent(requests -> {
            scalar(requests, "base_url").ifPresent(url -> {
                if (checkUrl(url, variables, problems)) {
                    checkHostPin(url, fields, patterns, problems);
                }
            });
            child(requests, "headers").ifPresent(headers -> {
                checkTemplates(headers, variables, problems);
                checkHeaderCase(headers, problems);
            });
            child(requests, "query").ifPresent(query -> checkTemplates(query, variables, problems));
        });
        child(root, "auth").ifPresent(auth -> {
            for (String key : List.of("authorization_url", "token_url")) {
                scalar(auth, key).ifPresent(url -> {
                    if (noTemplate(url, problems)) {
                        checkUrl(url, Set.of(), problems);
                    }
                });
            }
            for (String key : List.of("authorization_params", "token_params")) {
                child(auth, key).ifPresent(params -> params.entries().values().forEach(entry -> {
                    if (entry.value() instanceof YScalar s) {
                        noTemplate(s, problems);
                    }
                }));
            }
        });
        scalar(root, "docs_url").ifPresent(url -> checkUrl(url, Set.of(), problems));
        checkDurations(root, problems);
        child(root, "retry").flatMap(retry -> child(retry, "backoff")).ifPresent(backoff -> checkBackoff(backoff, problems));
        return problems;
    }

    /**
     * A base URL must pin its host (see {@link HostPin}). When an override loosened the pattern of the field that ends
     * the host, the problem is reported there, where the user can fix it.
     */
    private static void checkHostPin(YScalar url, Map<String, ConnectionField> fields, Map<String, YScalar> patterns,
                                     List<ConfigProblem> problems) {
        String template = String.valueOf(url.value());
        if (HostPin.problem(template, fields).isEmpty()) {
            return;
        }
        Optional<String> endingField = HostPin.fieldEndingTheHost(template);
        YScalar pattern = endingField.map(patterns::get).orElse(null);
        if (pattern != null && pattern.origin().source() == Origin.Source.OVERRIDE && url.origin().source() != Origin.Source.OVERRIDE) {
            problems.add(at(pattern.origin(), "must list every value (com|eu|com\\.au): requests.base_url ends its host with "
                    + "{{connection." + endingField.get() + "}}, so a value could send requests, and their credentials, to any host"));
        } else {
            problems.add(at(url.origin(), HostPin.problem(template, fields).get()));
        }
    }

    /** OAuth endpoints and parameters are used as written; per-connection OAuth hosts are not supported yet. */
    private static boolean noTemplate(YScalar value, List<ConfigProblem> problems) {
        if (String.valueOf(value.value()).contains("{{")) {
            problems.add(at(value.origin(), "templates are not supported in auth URLs and parameters; write the value out"));
            return false;
        }
        return true;
    }

    private static Optional<Pattern> checkPattern(YScalar pattern, List<ConfigProblem> problems) {
        try {
            return Optional.of(Pattern.compile(String.valueOf(pattern.value())));
        } catch (PatternSyntaxException e) {
            problems.add(at(pattern.origin(), "not a valid regular expression: " + e.getDescription()));
            return Optional.empty();
        }
    }

    /** Returns whether the URL is well formed, its templates included. */
    private static boolean checkUrl(YScalar url, Set<String> variables, List<ConfigProblem> problems) {
        String text = String.valueOf(url.value());
        if (!checkTemplate(url, text, variables, problems)) {
            return false;
        }
        // Template values are checked against their patterns at request time; a placeholder stands in here.
        String concrete = TEMPLATE.matcher(text).replaceAll("placeholder");
        try {
            URI uri = new URI(concrete);
            if (uri.getHost() == null) {
                problems.add(at(url.origin(), "not a valid URL: it has no host"));
                return false;
            }
            return true;
        } catch (URISyntaxException e) {
            problems.add(at(url.origin(), "not a valid URL: " + e.getReason()));
            return false;
        }
    }

    private static void checkTemplates(YMap map, Set<String> variables, List<ConfigProblem> problems) {
        map.entries().values().forEach(entry -> {
            if (entry.value() instanceof YScalar s && s.value() instanceof String text) {
                checkTemplate(s, text, variables, problems);
            }
        });
    }

    /** Returns whether every variable of {@code text} is known. */
    private static boolean checkTemplate(YScalar at, String text, Set<String> variables, List<ConfigProblem> problems) {
        boolean ok = true;
        Matcher matcher = TEMPLATE.matcher(text);
        while (matcher.find()) {
            String variable = matcher.group(1).trim();
            if (!variables.contains(variable)) {
                problems.add(at(at.origin(), "unknown template variable '" + variable + "'"
                        + Suggestions.hint(variable, variables)));
                ok = false;
            }
        }
        if (TEMPLATE.matcher(text).replaceAll("").contains("{{")) {
            problems.add(at(at.origin(), "'{{' is not closed; write {{name}}"));
            ok = false;
        }
        return ok;
    }

    private static void checkHeaderCase(YMap headers, List<ConfigProblem> problems) {
        Map<String, Entry> seen = new HashMap<>();
        headers.entries().forEach((name, entry) -> {
            Entry earlier = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), entry);
            if (earlier != null) {
                problems.add(at(entry.keyOrigin(), "header names are case-insensitive: this repeats the header at line "
                        + earlier.keyOrigin().position().line()));
            }
        });
    }

    private static void checkDurations(YNode node, List<ConfigProblem> problems) {
        if (!(node instanceof YMap map)) {
            return;
        }
        map.entries().forEach((key, entry) -> {
            if (DURATION_KEYS.matcher(key).matches() && entry.value() instanceof YScalar s && s.value() instanceof String text
                    && DURATION_SHAPE.matcher(text).matches()) {
                try {
                    Duration.parse(text);
                } catch (DateTimeParseException | ArithmeticException e) {
                    problems.add(at(s.origin(), "duration is out of range"));
                }
            }
            checkDurations(entry.value(), problems);
        });
    }

    private static void checkBackoff(YMap backoff, List<ConfigProblem> problems) {
        Optional<YScalar> initial = scalar(backoff, "initial");
        Optional<YScalar> max = scalar(backoff, "max");
        if (initial.isPresent() && max.isPresent()
                && DURATION_SHAPE.matcher(String.valueOf(initial.get().value())).matches()
                && DURATION_SHAPE.matcher(String.valueOf(max.get().value())).matches()) {
            try {
                if (Duration.parse(String.valueOf(initial.get().value())).compareTo(Duration.parse(String.valueOf(max.get().value()))) > 0) {
                    problems.add(at(initial.get().origin(), "must not exceed backoff.max"));
                }
            } catch (DateTimeParseException | ArithmeticException e) {
                // reported by checkDurations
            }
        }
    }

    private static Optional<YMap> child(YNode node, String key) {
        return node instanceof YMap map ? map.get(key).filter(YMap.class::isInstance).map(YMap.class::cast) : Optional.empty();
    }

    private static Optional<YScalar> scalar(YMap map, String key) {
        return map.get(key).filter(YScalar.class::isInstance).map(YScalar.class::cast).filter(s -> !s.isNull());
    }

    private static ConfigProblem at(Origin origin, String message) {
        return new ConfigProblem(origin.position(), origin.path(), message);
    }
}
