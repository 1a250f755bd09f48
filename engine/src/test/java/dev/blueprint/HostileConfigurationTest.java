package dev.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blueprint.cli.Main;
import dev.blueprint.internal.catalog.BlueprintCatalog;
import dev.blueprint.internal.config.ConfigurationLoader;
import dev.blueprint.internal.schema.SchemaChecker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Hostile configuration, through the Java API and the CLI: each input gets a clear error (file:line:col or the
 * field, what was expected), never a stack trace or an exception's name, within bounded time and memory.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS) // a hang guard per test; each takes well under a second or two
class HostileConfigurationTest {
    /** Allocation allowed for refusing one hostile file; expanding a bomb would take gigabytes. */
    private static final long ALLOCATION_BOUND = 64L << 20;
    /** A key no schema knows, injected everywhere. */
    private static final String UNKNOWN = "zz_unknown_key";
    /** A wrong value that must never be echoed back: messages say what was expected, not what was found. */
    private static final String WRONG = "zz-wrong-value";

    /**
     * The generated cases run the configuration loader itself, with one catalog and one pair of schemas: a whole
     * engine per case would reload both 150 times. The hostile files and the CLI tests take the public path.
     */
    private static final ConfigurationLoader LOADER = new ConfigurationLoader(BlueprintCatalog.load(List.of()), name -> null,
            SchemaChecker.fromClasspath(SchemaChecker.BLUEPRINT_SCHEMA), SchemaChecker.fromClasspath(SchemaChecker.INTEGRATIONS_SCHEMA));

    @TempDir
    Path dir;

    // ---- running the loader and the CLI --------------------------------------------------------------

    /** The raw bytes go to the engine through a file, as users' files do (a String could not hold bad UTF-8). */
    private List<ConfigProblem> problemsOf(byte[] yaml) {
        return problemsOf(write(yaml));
    }

    private static List<ConfigProblem> problemsOf(Path file) {
        try {
            BlueprintEngine.builder().environment(Map.of()).integrations(file).build().close();
            return List.of();
        } catch (ConfigurationException e) {
            return e.problems();
        }
    }

    private static List<ConfigProblem> loaderProblemsOf(String yaml) {
        return LOADER.load("integrations.yaml", bytes(yaml)).fold(problems -> problems, valid -> List.of());
    }

    /** {@code work}'s result, asserting it allocated less than the bound on this thread. */
    private static <T> T withinAllocationBound(Supplier<T> work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        T result = work.get();
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(allocated).as("bytes allocated refusing it").isLessThan(ALLOCATION_BOUND);
        return result;
    }

    private record Cli(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Cli validate(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), "validate", "--integrations", file.toString());
        return new Cli(exit, out.toString(), err.toString());
    }

    /** What a user must never see from the CLI: a stack trace or the name of an exception class. */
    private static void assertNoInternals(Cli result, String what) {
        assertThat(result.all()).as(what).doesNotContainPattern("[A-Z]\\w*(Exception|Error)\\b").doesNotContain("\tat ")
                .doesNotContain("Caused by").doesNotContainIgnoringCase("snakeyaml");
    }

    private Path write(byte[] content) {
        try {
            return Files.write(dir.resolve("integrations.yaml"), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- hostile files -------------------------------------------------------------------------------

    /** 10^30 strings once expanded: 30 anchors, each a list of ten aliases to the previous one. */
    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        return yaml.toString();
    }

    private static byte[] randomBinary() {
        byte[] data = new byte[64 << 10];
        new Random(7).nextBytes(data); // seeded: the same bytes every run
        return data;
    }

    private static String deepBlockMaps(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            yaml.append("  ".repeat(i)).append('k').append(i).append(":\n");
        }
        return yaml.toString();
    }

    /** Each hostile input, with a fragment its one clear error must contain. */
    private static Map<String, Map.Entry<byte[], String>> hostileInputs() {
        Map<String, Map.Entry<byte[], String>> inputs = new LinkedHashMap<>();
        inputs.put("alias bomb", Map.entry(bytes(aliasBomb()), "alias"));
        inputs.put("recursive alias", Map.entry(bytes("integrations: &a {x: *a}\n"), "recursive"));
        inputs.put("10,000 levels of [", Map.entry(bytes("a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"), "nest"));
        inputs.put("10,000 levels of {", Map.entry(bytes("a: " + "{a: ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n"), "nest"));
        inputs.put("40 levels of block maps", Map.entry(bytes(deepBlockMaps(40)), "nest"));
        inputs.put("2 MiB file", Map.entry(bytes("integrations: {}\n#" + "x".repeat(2 << 20) + "\n"), "MiB"));
        inputs.put("a 900 KiB scalar on one line", Map.entry(
                bytes("integrations:\n  x:\n    oauth_client_id: " + "c".repeat(900 << 10) + "\n"), "characters long"));
        inputs.put("random binary", Map.entry(randomBinary(), "UTF-8"));
        inputs.put("invalid UTF-8", Map.entry(new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'}, "UTF-8"));
        inputs.put("UTF-16 with a byte order mark", Map.entry("\uFEFFintegrations: {}\n".getBytes(StandardCharsets.UTF_16), "UTF-8"));
        inputs.put("NUL bytes", Map.entry(new byte[] {'a', ':', ' ', 0, 0, 0, '\n'}, "plain text"));
        inputs.put("terminal escapes", Map.entry(bytes("integrations: \u001b[2J\u0007\n"), "plain text"));
        inputs.put("java tag", Map.entry(bytes("integrations: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n"), "tag"));
        inputs.put("java tag on a nested value", Map.entry(bytes("integrations:\n  x:\n    oauth_client_id: !!java.io.File /etc/passwd\n"), "tag"));
        inputs.put("python tag", Map.entry(bytes("integrations: !!python/object/apply:os.system [id]\n"), "tag"));
        inputs.put("custom tag", Map.entry(bytes("integrations: !evil {}\n"), "tag"));
        inputs.put("binary tag", Map.entry(bytes("integrations: !!binary aGVsbG8=\n"), "tag"));
        inputs.put("set tag", Map.entry(bytes("integrations: !!set {a, b}\n"), "tag"));
        inputs.put("merge key", Map.entry(bytes("base: &b {extends_blueprint: outreach:v0}\nintegrations:\n  x:\n    <<: *b\n"), "merge"));
        inputs.put("duplicate key", Map.entry(bytes("integrations: {}\nintegrations: {}\n"), "duplicate"));
        inputs.put("duplicate nested key", Map.entry(
                bytes("integrations:\n  x:\n    retry: {max_attempts: 1, max_attempts: 2}\n"), "integrations.x.retry.max_attempts: duplicate"));
        return inputs;
    }

    @Test
    void hostileFilesAreRefusedClearlyWithBoundedMemory() {
        hostileInputs().forEach((name, input) -> {
            List<ConfigProblem> problems = withinAllocationBound(() -> problemsOf(input.getKey()));
            // One problem, pointing into the file: the first refusal stops parsing, nothing cascades from it.
            assertThat(problems).as(name).singleElement().asString()
                    .matches(".*integrations\\.yaml:\\d+:\\d+: .*").containsIgnoringCase(input.getValue());
        });
    }

    @Test
    void theCliPrintsOneReadableErrorAndExitsNonZero() {
        hostileInputs().forEach((name, input) -> {
            Cli result = validate(write(input.getKey()));
            assertThat(result.exit()).as(name).isEqualTo(1);
            assertThat(result.out()).as(name).containsIgnoringCase(input.getValue()).contains("integrations.yaml:");
            assertThat(result.err()).as(name).isEqualTo("1 problem found" + System.lineSeparator());
            assertNoInternals(result, name);
        });
    }

    @Test
    void aFileWhoseSizeSaysNothingIsReadOnlyUpToTheLimit() {
        Path endless = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(endless), "needs /dev/zero");
        // A device (or a pipe) reports size 0 and never ends: reading it whole ran out of memory.
        assertThat(withinAllocationBound(() -> problemsOf(endless))).singleElement().asString()
                .isEqualTo("/dev/zero:1:1: file is larger than the limit of 1,048,576 bytes (1 MiB)");
        Cli result = validate(endless);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("larger than the limit");
        assertNoInternals(result, "/dev/zero");
    }

    @Test
    void aDirectoryIsExplainedInWords() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
        assertThat(problemsOf(folder)).singleElement().asString().endsWith("folder.yaml:1:1: is a directory; expected a YAML file");
        Cli result = validate(folder);
        assertThat(result.exit()).isEqualTo(1);
        assertNoInternals(result, "a directory"); // it used to print "cannot read file: IOException"
    }

    @Test
    void hostileBlueprintFilesAreProblemsToo() throws IOException {
        // --blueprints folders are configuration as well: a device or a folder named v<N>.yaml must not crash.
        Path blueprints = Files.createDirectories(dir.resolve("blueprints"));
        Files.createDirectories(blueprints.resolve("folder").resolve("v0.yaml"));
        boolean withDevice = Files.isReadable(Path.of("/dev/zero"));
        if (withDevice) {
            Files.createSymbolicLink(Files.createDirectory(blueprints.resolve("endless")).resolve("v0.yaml"), Path.of("/dev/zero"));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = withinAllocationBound(() -> Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(),
                "validate", "--integrations", dir.resolve("absent.yaml").toString(), "--blueprints", blueprints.toString()));
        Cli result = new Cli(exit, out.toString(), err.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("folder/v0.yaml:1:1: is a directory");
        if (withDevice) {
            assertThat(result.out()).contains("endless/v0.yaml:1:1: file is larger than the limit");
        }
        assertNoInternals(result, "hostile blueprints");
    }

    @Test
    void aHugeValueOnShortLinesIsJustAValue() {
        // 900 KiB in one block scalar fits the file limit: handled as a value, in bounded memory, not echoed back.
        String value = ("c".repeat(1_000) + "\n      ").repeat(900);
        String yaml = "integrations:\n  outreach:\n    extends_blueprint: outreach:v0\n    oauth_client_id: |\n      " + value
                + "\n    oauth_client_secret: s\n    requests: {base_url: \"" + "h".repeat(1000) + "\"}\n";
        List<ConfigProblem> problems = withinAllocationBound(() -> problemsOf(bytes(yaml)));
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("integrations.outreach.requests.base_url");
            assertThat(problem.toString()).hasSizeLessThan(2_000);
        });
    }

    @Test
    void aBombGivenToTheJavaApiIsAConfigurationExceptionNotACrash() {
        assertThatThrownBy(() -> BlueprintEngine.builder().environment(Map.of()).integrations("bomb.yaml", aliasBomb()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("bomb.yaml");
    }

    // ---- every level, every type --------------------------------------------------------------------

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }

    /** A valid integrations file overriding blocks at every level of an OAuth blueprint; mutable, fresh each call. */
    private static Map<String, Object> validTree() {
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
    private static final Set<String> FREE_FORM = Set.of(
            "integrations", "integrations.outreach.connection_config", "integrations.outreach.requests.headers");

    /** A node of the tree: its path (keys and list indexes) and value. */
    private record Place(List<Object> path, Object value) {
        String dotted() {
            StringBuilder text = new StringBuilder();
            for (Object step : path) {
                text.append(step instanceof Integer i ? "[" + i + "]" : (text.length() == 0 ? "" : ".") + step);
            }
            return text.toString();
        }
    }

    /** Every node under {@code node}, parents before children. */
    private static List<Place> places(Object node, List<Object> path) {
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

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(step);
        return longer;
    }

    @SuppressWarnings("unchecked")
    private static Object get(Object tree, List<Object> path) {
        Object node = tree;
        for (Object step : path) {
            node = step instanceof Integer i ? ((List<Object>) node).get(i) : ((Map<String, Object>) node).get(step);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static void set(Object tree, List<Object> path, Object value) {
        Object parent = get(tree, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer i) {
            ((List<Object>) parent).set(i, value);
        } else {
            ((Map<String, Object>) parent).put((String) last, value);
        }
    }

    private static String dump(Map<String, Object> tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(tree);
    }

    /**
     * Where a node is written in {@code yaml}, as line:col: its key's start when {@code key}, else its value's.
     * SnakeYAML's own reading is the independent witness the engine's positions are checked against.
     */
    private static String positionIn(String yaml, List<Object> path, boolean key) {
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

    private static String positionOf(ConfigProblem problem) {
        return problem.position().line() + ":" + problem.position().column();
    }

    /** Values of other kinds than {@code value}'s, each the schema refuses in its place. */
    private static List<Object> wrongValuesFor(Object value) {
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

    @Test
    void theValidTreeIsValid() {
        // Every mutation below starts from this tree, so it must be clean, and deep enough to matter.
        assertThat(problemsOf(bytes(dump(validTree())))).isEmpty();
        assertThat(loaderProblemsOf(dump(validTree()))).isEmpty();
        assertThat(places(validTree(), List.of())).filteredOn(p -> p.value() instanceof Map).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void anUnknownKeyAtEveryLevelIsNamedWhereItIs() {
        int checked = 0;
        for (Place mapping : places(validTree(), List.of())) {
            if (!(mapping.value() instanceof Map<?, ?>) || FREE_FORM.contains(mapping.dotted())) {
                continue;
            }
            Map<String, Object> tree = validTree();
            List<Object> unknown = append(mapping.path(), UNKNOWN);
            set(tree, unknown, 1);
            String yaml = dump(tree);
            assertThat(loaderProblemsOf(yaml)).as("unknown key under '%s'", mapping.dotted()).singleElement().satisfies(problem -> {
                assertThat(problem.path()).isEqualTo(new Place(unknown, 1).dotted());
                assertThat(problem.message()).startsWith("unknown key");
                assertThat(positionOf(problem)).as("at the key").isEqualTo(positionIn(yaml, unknown, true));
            });
            checked++;
        }
        assertThat(checked).as("levels checked").isGreaterThanOrEqualTo(10);
    }

    @Test
    void aWrongTypeAtEveryNodeSaysWhatWasExpectedThere() {
        int checked = 0;
        for (Place place : places(validTree(), List.of())) {
            if (place.path().size() < 2) {
                continue; // the document and 'integrations' themselves: covered by ConfigurationValidationTest
            }
            for (Object wrong : wrongValuesFor(place.value())) {
                Map<String, Object> tree = validTree();
                set(tree, place.path(), wrong);
                String yaml = dump(tree);
                List<ConfigProblem> problems = loaderProblemsOf(yaml);
                String what = place.dotted() + " = " + wrong;
                // A wrong extends_blueprint also leaves the blueprint's required keys missing, reported as well.
                assertThat(problems).as(what).hasSizeBetween(1, place.dotted().endsWith("extends_blueprint") ? 3 : 1)
                        .anySatisfy(problem -> {
                            assertThat(problem.path()).isEqualTo(place.dotted());
                            assertThat(problem.message()).matches("expected .+, got an? [a-z]+|must be one of .+");
                            assertThat(positionOf(problem)).as("at the value").isEqualTo(positionIn(yaml, place.path(), false));
                        })
                        .allSatisfy(problem -> assertThat(problem.toString()).doesNotContain(WRONG));
                checked++;
            }
        }
        assertThat(checked).as("replacements checked").isGreaterThanOrEqualTo(100);
    }

    @Test
    void theCliReportsAnUnknownKeyAtEveryLevelAtOnce() {
        Map<String, Object> tree = validTree();
        List<List<Object>> unknowns = places(validTree(), List.of()).stream()
                .filter(p -> p.value() instanceof Map<?, ?> && !FREE_FORM.contains(p.dotted()))
                .map(p -> append(p.path(), UNKNOWN)).toList();
        unknowns.forEach(path -> set(tree, path, 1));
        String yaml = dump(tree);
        Path file = write(bytes(yaml));
        Cli result = validate(file);
        assertThat(result.exit()).isEqualTo(1);
        List<String> lines = result.out().lines().toList();
        assertThat(lines).as("one line per unknown key").hasSameSizeAs(unknowns);
        for (List<Object> path : unknowns) {
            String expected = file + ":" + positionIn(yaml, path, true) + ": " + new Place(path, 1).dotted() + ": unknown key";
            assertThat(lines).as(expected).anyMatch(line -> line.startsWith(expected));
        }
        assertThat(result.err()).isEqualTo(unknowns.size() + " problems found" + System.lineSeparator());
        assertNoInternals(result, "unknown keys");
    }

    @Test
    void theCliReportsAWrongTypeAtEveryLeafAtOnce() {
        Map<String, Object> tree = validTree();
        // Scalars only, so no replacement hides another; extends_blueprint stays, or nothing is left to check.
        List<Place> leaves = places(validTree(), List.of()).stream()
                .filter(p -> !(p.value() instanceof Map<?, ?> || p.value() instanceof List<?>))
                .filter(p -> !p.dotted().endsWith("extends_blueprint")).toList();
        leaves.forEach(leaf -> set(tree, leaf.path(), wrongValuesFor(leaf.value()).get(0)));
        String yaml = dump(tree);
        Path file = write(bytes(yaml));
        Cli result = validate(file);
        assertThat(result.exit()).isEqualTo(1);
        List<String> lines = result.out().lines().toList();
        for (Place leaf : leaves) {
            String at = file + ":" + positionIn(yaml, leaf.path(), false) + ": " + leaf.dotted() + ": ";
            assertThat(lines).as(leaf.dotted()).filteredOn(line -> line.startsWith(at)).singleElement().asString()
                    .matches(".*: (expected .+, got an? [a-z]+|must be one of .+)").doesNotContain(WRONG);
        }
        assertThat(result.err()).isEqualTo(leaves.size() + " problems found" + System.lineSeparator());
        assertNoInternals(result, "wrong types");
    }
}
