package dev.blueprint.testing;

import dev.blueprint.ConfigProblem;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A valid integrations file with blocks at every level, and the tools to break it in one place and find where
 * that place is written; shared by the engine's and the CLI's tests.
 */
public final class ConfigurationTree {
    /** A key no schema knows, injected everywhere. */
    public static final String UNKNOWN = "zz_unknown_key";
    /** A wrong value that must never be echoed back: messages say what was expected, not what was found. */
    public static final String WRONG = "zz-wrong-value";

    private ConfigurationTree() {
    }

    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    public static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }

    /** A valid integrations file overriding blocks at every level of an OAuth blueprint; mutable, fresh each call. */
    public static Map<String, Object> validTree() {
        Map<String, Object> outreach = map(
                "extends_blueprint", "outreach:v0",
                "oauth_client_id", "abc123",
                "oauth_client_secret", "s3cr3t",
                "oauth_scopes", list("prospects.read", "prospects.write"),
                "connection_config", map("subdomain", map("pattern", "[a-z]+", "description", "the account's subdomain")),
                "auth", map("pkce", true, "token_request_auth", "client_secret_basic",
                        "refresh", map("margin", "PT1M", "required", true)),
                "requests", map("timeout", "PT20S", "headers", map("X-Client", "blueprint-tests")),
                "rate_limit", map("statuses", list(429), "max_wait", "PT30S",
                        "reset", map("header", "x-ratelimit-reset", "format", "epoch_seconds"),
                        "budget", map("requests", 100, "per", "PT1M")),
                "retry", map("max_attempts", 3, "on_timeout", true, "max_elapsed", "PT1M",
                        "backoff", map("initial", "PT1S", "max", "PT10S", "multiplier", 2.0, "jitter", 0.1)));
        return map("integrations", map("outreach", outreach));
    }

    /** Mappings whose keys are names the user chooses, so no key is unknown there. */
    public static final Set<String> FREE_FORM = Set.of(
            "integrations", "integrations.outreach.connection_config", "integrations.outreach.requests.headers");

    /** A node of the tree: its path (keys and list indexes) and value. */
    public record Place(List<Object> path, Object value) {
        public String dotted() {
            StringBuilder text = new StringBuilder();
            for (Object step : path) {
                text.append(step instanceof Integer i ? "[" + i + "]" : (text.length() == 0 ? "" : ".") + step);
            }
            return text.toString();
        }
    }

    /** Every node under {@code node}, parents before children. */
    public static List<Place> places(Object node, List<Object> path) {
        List<Place> found = new ArrayList<>(List.of(new Place(path, node)));
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, child) -> found.addAll(places(child, append(path, key))));
        } else if (node instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                found.addAll(places(items.get(i), append(path, i)));
            }
        }
        return found;
    }

    public static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(step);
        return longer;
    }

    @SuppressWarnings("unchecked")
    public static Object get(Object tree, List<Object> path) {
        Object node = tree;
        for (Object step : path) {
            node = step instanceof Integer i ? ((List<Object>) node).get(i) : ((Map<String, Object>) node).get(step);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    public static void set(Object tree, List<Object> path, Object value) {
        Object parent = get(tree, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((List<Object>) parent).set(i, value);
        } else {
            ((Map<String, Object>) parent).put((String) last, value);
        }
    }

    public static String dump(Map<String, Object> tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(tree);
    }

    /**
     * Where a node is written in {@code yaml}, as line:col: its key's start when {@code key}, else its value's.
     * SnakeYAML's own reading is the independent witness the engine's positions are checked against.
     */
    public static String positionIn(String yaml, List<Object> path, boolean key) {
        Node node = new Yaml().compose(new StringReader(yaml));
        Mark mark = node.getStartMark();
        for (Object step : path) {
            if (step instanceof Integer i) {
                node = ((SequenceNode) node).getValue().get(i);
                mark = node.getStartMark();
                continue;
            }
            NodeTuple entry = ((MappingNode) node).getValue().stream()
                    .filter(tuple -> step.equals(((ScalarNode) tuple.getKeyNode()).getValue())).findFirst().orElseThrow();
            node = entry.getValueNode();
            mark = (key ? entry.getKeyNode() : node).getStartMark();
        }
        return (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
    }

    public static String positionOf(ConfigProblem problem) {
        return problem.position().line() + ":" + problem.position().column();
    }

    /** Values of other kinds than {@code value}'s, each the schema refuses in its place. */
    public static List<Object> wrongValuesFor(Object value) {
        if (value instanceof Map<?, ?>) {
            return List.of(7, List.of(WRONG));
        }
        if (value instanceof List<?>) {
            return List.of(WRONG, Map.of("zz", WRONG));
        }
        if (value instanceof Boolean) {
            return List.of(WRONG, 1, List.of(true));
        }
        if (value instanceof Integer) {
            return List.of(WRONG, 2.5, Map.of("zz", 1));
        }
        if (value instanceof Double) {
            return List.of(WRONG, true, List.of(1.0));
        }
        return List.of(7, false, List.of(WRONG), Map.of("zz", WRONG)); // a string: a number, a boolean, a list, a map
    }
}
