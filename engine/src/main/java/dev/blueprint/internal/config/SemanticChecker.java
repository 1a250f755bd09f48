package dev.blueprint.internal.config;

import dev.blueprint.ConfigProblem;
import dev.blueprint.internal.text.Suggestions;
import dev.blueprint.internal.url.HostPin;
import dev.blueprint.model.ConnectionField;
import dev.blueprint.yaml.Origin;
import dev.blueprint.yaml.YNode.Entry;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import dev.blueprint.yaml.YNode;
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
        Map<String, String> learnedFrom = new HashMap<>(); // field name -> token_response or callback
        child(root, "connection_config").ifPresent(config -> config.entries().forEach((name, field) -> {
            variables.add("connection." + name);
            if (field.value() instanceof YMap fieldMap) {
                scalar(fieldMap, "from").ifPresent(from -> {
                    String text = String.valueOf(from.value());
                    learnedFrom.put(name, text.substring(0, Math.max(0, text.indexOf('.'))));
                    checkLearnable(root, from, text, problems);
                });
                scalar(fieldMap, "pattern").ifPresent(p -> checkPattern(p, problems).ifPresent(compiled -> {
                    fields.put(name, new ConnectionField(name, compiled, Optional.empty(), Optional.empty()));
                    patterns.put(name, p);
                }));
            }
        }));
        child(root, "requests").ifPresent(requests -> {
            scalar(requests, "base_url").ifPresent(url -> {
                if (checkUrl(url, Scope.all(variables), problems)) {
                    checkHostPin("requests.base_url", url, fields, patterns, problems);
                }
            });
            child(requests, "headers").ifPresent(headers -> {
                checkTemplates(headers, Scope.all(variables), problems);
                checkHeaderCase(headers, problems);
            });
            child(requests, "query").ifPresent(query -> checkTemplates(query, Scope.all(variables), problems));
        });
        child(root, "auth").ifPresent(auth -> {
            // Before the callback nothing is learned; the token URL may use what the callback brought.
            Scope beforeCallback = new Scope(connectionVariables(variables, learnedFrom, Set.of()), variables,
                    "auth.authorization_url and authorization_params may use the connection_config values given when connecting, "
                            + "not those learned while connecting nor request variables");
            Scope atTokenRequest = new Scope(connectionVariables(variables, learnedFrom, Set.of("callback")), variables,
                    "auth.token_url and token_params may use connection_config values given when connecting or learned from the callback, "
                            + "not those learned from the token response nor request variables");
            scalar(auth, "authorization_url").ifPresent(url -> {
                if (checkUrl(url, beforeCallback, problems)) {
                    checkHostPin("auth.authorization_url", url, fields, patterns, problems);
                }
            });
            scalar(auth, "token_url").ifPresent(url -> {
                if (checkUrl(url, atTokenRequest, problems)) {
                    checkHostPin("auth.token_url", url, fields, patterns, problems);
                }
            });
            child(auth, "authorization_params").ifPresent(params -> checkTemplates(params, beforeCallback, problems));
            child(auth, "token_params").ifPresent(params -> checkTemplates(params, atTokenRequest, problems));
        });
        scalar(root, "docs_url").ifPresent(url -> checkUrl(url, Scope.all(Set.of()), problems));
        checkDurations(root, problems);
        child(root, "retry").flatMap(retry -> child(retry, "backoff")).ifPresent(backoff -> checkBackoff(backoff, problems));
        return problems;
    }

    /**
     * A base URL must pin its host (see {@link HostPin}). When an override loosened the pattern of the field that ends
     * the host, the problem is reported there, where the user can fix it.
     */
    private static void checkHostPin(String key, YScalar url, Map<String, ConnectionField> fields, Map<String, YScalar> patterns,
                                     List<ConfigProblem> problems) {
        String template = String.valueOf(url.value());
        if (HostPin.problem(template, fields).isEmpty()) {
            return;
        }
        Optional<String> endingField = HostPin.fieldEndingTheHost(template);
        YScalar pattern = endingField.map(patterns::get).orElse(null);
        if (pattern != null && pattern.origin().source() == Origin.Source.OVERRIDE && url.origin().source() != Origin.Source.OVERRIDE) {
            problems.add(at(pattern.origin(), "must list every value (com|eu|com\\.au): " + key + " ends its host with "
                    + "{{connection." + endingField.get() + "}}, so a value could send requests, and their credentials, to any host"));
        } else {
            problems.add(at(url.origin(), HostPin.problem(template, fields).get()));
        }
    }

    /**
     * The connection values an OAuth template may use: connection_config fields, except those learned later than the
     * template is rendered ({@code learnedBefore} names the places already read).
     */
    private static Set<String> connectionVariables(Set<String> variables, Map<String, String> learnedFrom, Set<String> learnedBefore) {
        Set<String> usable = new LinkedHashSet<>();
        for (String variable : variables) {
            if (variable.startsWith("connection.")) {
                String place = learnedFrom.get(variable.substring("connection.".length()));
                if (place == null || learnedBefore.contains(place)) {
                    usable.add(variable);
                }
            }
        }
        return usable;
    }

    /** A value can be learned from a callback only in the authorization code flow, from a token response only with OAuth. */
    private static void checkLearnable(YMap root, YScalar from, String text, List<ConfigProblem> problems) {
        String mode = child(root, "auth").flatMap(auth -> scalar(auth, "mode")).map(m -> String.valueOf(m.value())).orElse("none");
        boolean ok = text.startsWith("callback.") ? mode.equals("oauth2") : mode.startsWith("oauth2");
        if (!ok) {
            problems.add(at(from.origin(), "auth.mode " + mode + " has no " + (text.startsWith("callback.") ? "OAuth callback" : "token response")
                    + " to learn " + text + " from; give the value when connecting instead"));
        }
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
    private static boolean checkUrl(YScalar url, Scope variables, List<ConfigProblem> problems) {
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

    private static void checkTemplates(YMap map, Scope variables, List<ConfigProblem> problems) {
        map.entries().values().forEach(entry -> {
            if (entry.value() instanceof YScalar s && s.value() instanceof String text) {
                checkTemplate(s, text, variables, problems);
            }
        });
    }

    /**
     * The template variables a value may use.
     *
     * @param usable the variables allowed here
     * @param known  every variable of the blueprint, to tell "not here" from "unknown"
     * @param rule   why some known variables are not usable here
     */
    private record Scope(Set<String> usable, Set<String> known, String rule) {
        static Scope all(Set<String> variables) {
            return new Scope(variables, variables, "");
        }
    }

    /** Returns whether every variable of {@code text} is usable. */
    private static boolean checkTemplate(YScalar at, String text, Scope scope, List<ConfigProblem> problems) {
        boolean ok = true;
        Matcher matcher = TEMPLATE.matcher(text);
        while (matcher.find()) {
            String variable = matcher.group(1).trim();
            if (scope.known().contains(variable) && !scope.usable().contains(variable)) {
                problems.add(at(at.origin(), "'{{" + variable + "}}' cannot be used here: " + scope.rule()));
                ok = false;
            } else if (!scope.usable().contains(variable)) {
                problems.add(at(at.origin(), "unknown template variable '" + variable + "'"
                        + Suggestions.hint(variable, scope.usable())));
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
