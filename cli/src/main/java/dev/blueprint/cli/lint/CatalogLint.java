package dev.blueprint.cli.lint;

import dev.blueprint.Catalog;
import dev.blueprint.ConfigProblem;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.yaml.YNode;
import dev.blueprint.yaml.YNode.YList;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Catalog rules beyond the schema, for blueprints contributed by pull request: https only (no loopback
 * exception), {@code docs_url} present, connection_config patterns that cannot smuggle a host or path (no '/',
 * '@', '#', '?', ':') with an example that matches, display names unique, header names in one case, and no
 * secrets. Template variables are checked by validation already.
 */
public final class CatalogLint {
    private static final String FORBIDDEN = "/@#?:";
    private static final Pattern URL_KEY = Pattern.compile("docs_url|authorization_url|token_url|base_url");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(secret|password|passwd|api_?key|token)$");
    /** Known key prefixes anywhere, or a long random-looking word (digits, lower and upper case). */
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(sk_live_|rk_live_|ghp_|gho_|github_pat_|xox[abpr]-|AKIA[0-9A-Z]{12}|-----BEGIN)"
                    + "|(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[A-Z])[A-Za-z0-9_-]{32,}");

    private CatalogLint() {
    }

    /**
     * Every blueprint's own validation problems plus the catalog rules, in file order, each once.
     */
    public static List<ConfigProblem> lint(Catalog catalog) {
        List<ConfigProblem> problems = new ArrayList<>();
        catalog.refs().forEach(ref -> problems.addAll(catalog.check(ref)));
        problems.addAll(rules(catalog));
        problems.sort(ConfigProblem.IN_FILE_ORDER);
        return problems.stream().distinct().toList();
    }

    private static List<ConfigProblem> rules(Catalog catalog) {
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, BlueprintRef> displayNames = new HashMap<>();
        for (BlueprintRef ref : catalog.refs()) {
            if (!(catalog.tree(ref) instanceof YMap root)) {
                continue;
            }
            if (root.get("docs_url").isEmpty()) {
                problems.add(new ConfigProblem(root.origin().position(), "docs_url", "missing: every catalog blueprint links the provider's docs"));
            }
            scalar(root, "display_name").ifPresent(name -> {
                BlueprintRef earlier = displayNames.putIfAbsent(String.valueOf(name.value()).toLowerCase(Locale.ROOT), ref);
                if (earlier != null && !earlier.name().equals(ref.name())) {
                    problems.add(at(name, "display name already used by " + earlier));
                }
            });
            walk(root, "", problems);
            connectionFields(root, problems);
            headerCase(root, problems);
        }
        return problems;
    }

    /** URLs are https and no value looks like a secret. */
    private static void walk(YNode node, String key, List<ConfigProblem> problems) {
        if (node instanceof YMap map) {
            map.entries().forEach((k, entry) -> walk(entry.value(), k, problems));
        } else if (node instanceof YList list) {
            list.items().forEach(item -> walk(item, key, problems));
        } else if (node instanceof YScalar scalar && scalar.value() instanceof String text) {
            if (URL_KEY.matcher(key).matches() && !text.startsWith("https://")) {
                problems.add(at(scalar, "catalog URLs must be https"));
            }
            boolean template = text.contains("{{");
            if (!template && SECRET_KEY.matcher(key).matches() && !key.endsWith("_url")) {
                problems.add(at(scalar, "looks like a secret; blueprints hold no credentials"));
            } else if (!template && SECRET_VALUE.matcher(text).find()) {
                problems.add(at(scalar, "looks like a secret (a key or token); blueprints hold no credentials"));
            }
        }
    }

    private static void connectionFields(YMap root, List<ConfigProblem> problems) {
        root.get("connection_config").filter(YMap.class::isInstance).map(YMap.class::cast).ifPresent(config ->
                config.entries().forEach((name, entry) -> {
                    if (!(entry.value() instanceof YMap field)) {
                        return;
                    }
                    Optional<YScalar> pattern = scalar(field, "pattern");
                    Optional<YScalar> example = scalar(field, "example");
                    if (pattern.isEmpty()) {
                        return;
                    }
                    Pattern compiled;
                    try {
                        compiled = Pattern.compile(String.valueOf(pattern.get().value()));
                    } catch (PatternSyntaxException e) {
                        return; // validation reports it
                    }
                    if (example.isEmpty()) {
                        problems.add(new ConfigProblem(field.origin().position(), field.origin().childPath("example"),
                                "missing: an example value that matches the pattern (docs and the sandbox contract use it)"));
                    } else if (!compiled.matcher(String.valueOf(example.get().value())).matches()) {
                        problems.add(at(example.get(), "does not match the field's pattern"));
                    }
                    String sample = example.map(e -> String.valueOf(e.value())).orElse("a");
                    for (char c : FORBIDDEN.toCharArray()) {
                        if (compiled.matcher(sample + c + sample).matches() || compiled.matcher(String.valueOf(c)).matches()) {
                            problems.add(at(pattern.get(), "must not accept '" + c + "': a value could change the URL's host or path"));
                        }
                    }
                }));
    }

    /** Header names a blueprint writes in rate_limit are all lower case or all not. */
    private static void headerCase(YMap root, List<ConfigProblem> problems) {
        List<YScalar> names = new ArrayList<>();
        root.get("rate_limit").filter(YMap.class::isInstance).map(YMap.class::cast).ifPresent(rl -> {
            rl.get("retry_after").filter(YList.class::isInstance).map(YList.class::cast)
                    .ifPresent(list -> list.items().stream().filter(YScalar.class::isInstance).map(YScalar.class::cast).forEach(names::add));
            rl.get("reset").filter(YMap.class::isInstance).map(YMap.class::cast).flatMap(r -> scalar(r, "header")).ifPresent(names::add);
            scalar(rl, "remaining").ifPresent(names::add);
            scalar(rl, "limit").ifPresent(names::add);
        });
        long lower = names.stream().filter(CatalogLint::lowerCase).count();
        if (lower > 0 && lower < names.size()) {
            boolean oddIsLower = lower * 2 <= names.size(); // point at the minority style
            YScalar odd = names.stream().filter(n -> lowerCase(n) == oddIsLower).findFirst().orElse(names.get(0));
            problems.add(at(odd, "header names in rate_limit mix cases; write them all in one case"));
        }
    }

    private static boolean lowerCase(YScalar name) {
        String text = String.valueOf(name.value());
        return text.equals(text.toLowerCase(Locale.ROOT));
    }

    private static Optional<YScalar> scalar(YMap map, String key) {
        return map.get(key).filter(YScalar.class::isInstance).map(YScalar.class::cast).filter(s -> !s.isNull());
    }

    private static ConfigProblem at(YScalar scalar, String message) {
        return new ConfigProblem(scalar.origin().position(), scalar.origin().path(), message);
    }
}
