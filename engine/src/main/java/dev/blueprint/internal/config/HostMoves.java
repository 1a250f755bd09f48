package dev.blueprint.internal.config;

import dev.blueprint.ConfigProblem;
import dev.blueprint.internal.catalog.BlueprintSource;
import dev.blueprint.yaml.Origin;
import dev.blueprint.yaml.YNode;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Overrides that move a catalog blueprint's API or OAuth endpoints to another host. Allowed (a staging host, a proxy,
 * the sandbox), but the credentials go wherever the URL points, so a user is told where each moved.
 */
final class HostMoves {
    private static final List<List<String>> URLS = List.of(
            List.of("requests", "base_url"), List.of("auth", "token_url"), List.of("auth", "authorization_url"));

    private HostMoves() {
    }

    /** A warning at each override of {@code base}'s URLs whose host is not the blueprint's. */
    static List<ConfigProblem> of(BlueprintSource base, YMap merged) {
        List<ConfigProblem> warnings = new ArrayList<>();
        for (List<String> path : URLS) {
            Optional<YScalar> original = scalar(base.tree(), path);
            Optional<YScalar> now = scalar(merged, path);
            if (original.isEmpty() || now.isEmpty() || now.get().origin().source() != Origin.Source.OVERRIDE) {
                continue;
            }
            String from = host(String.valueOf(original.get().value()));
            String to = host(String.valueOf(now.get().value()));
            if (!Objects.equals(from, to)) {
                String what = path.get(1).equals("base_url") ? "its API requests and their credentials"
                        : path.get(1).equals("token_url") ? "the client secret and tokens" : "users authorizing";
                warnings.add(new ConfigProblem(now.get().origin().position(), now.get().origin().path(),
                        "moves " + base.ref() + "'s " + path.get(1) + " from " + from + " to " + to + ": " + what + " go there"));
            }
        }
        warnings.sort(ConfigProblem.IN_FILE_ORDER);
        return warnings;
    }

    private static Optional<YScalar> scalar(YNode tree, List<String> path) {
        YNode node = tree;
        for (String key : path) {
            if (!(node instanceof YMap map) || map.get(key).isEmpty()) {
                return Optional.empty();
            }
            node = map.get(key).get();
        }
        return node instanceof YScalar scalar && scalar.value() instanceof String ? Optional.of(scalar) : Optional.empty();
    }

    /** The host of a URL template ({@code {{connection.x}}} kept as written), lower case. */
    private static String host(String url) {
        int start = url.indexOf("://");
        String rest = start < 0 ? url : url.substring(start + 3);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return rest.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
