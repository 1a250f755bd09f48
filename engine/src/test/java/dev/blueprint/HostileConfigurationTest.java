package dev.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Hostile configuration, through the Java API and the CLI: each input gets a clear error (file:line:col or the
 * field, what was expected), never a stack trace, within bounded time and memory.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS) // a hang guard for the whole class's worst case
class HostileConfigurationTest {
    /** Allocation allowed for refusing one hostile file; expanding a bomb would take gigabytes. */
    private static final long ALLOCATION_BOUND = 64L << 20;

    @TempDir
    Path dir;

    /** The raw bytes go to the loader through a file, as users' files do (a String could not hold bad UTF-8). */
    private static List<ConfigProblem> problemsOf(byte[] yaml) {
        try {
            Path file = Files.createTempDirectory("hostile").resolve("integrations.yaml");
            Files.write(file, yaml);
            try {
                BlueprintEngine.builder().environment(Map.of()).integrations(file).build();
                return List.of();
            } catch (ConfigurationException e) {
                return e.problems();
            } finally {
                Files.delete(file);
                Files.delete(file.getParent());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Problems of {@code yaml}, asserting the refusal allocated less than the bound on this thread. */
    private static List<ConfigProblem> boundedProblemsOf(byte[] yaml) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        List<ConfigProblem> problems = problemsOf(yaml);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(allocated).as("bytes allocated refusing it").isLessThan(ALLOCATION_BOUND);
        return problems;
    }

    private record Cli(int exit, String out, String err) {
    }

    private Cli validate(byte[] content) throws Exception {
        Path file = Files.write(dir.resolve("integrations.yaml"), content);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), "validate", "--integrations", file.toString());
        return new Cli(exit, out.toString(), err.toString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

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

    /** Each hostile input, with a fragment its one clear error must contain. */
    private static Map<String, Map.Entry<byte[], String>> hostileInputs() {
        Map<String, Map.Entry<byte[], String>> inputs = new LinkedHashMap<>();
        inputs.put("alias bomb", Map.entry(bytes(aliasBomb()), "alias"));
        inputs.put("10,000 levels of nesting", Map.entry(bytes("a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"), "nest"));
        inputs.put("2 MiB file", Map.entry(bytes("integrations: {}\n#" + "x".repeat(2 << 20) + "\n"), "MiB"));
        inputs.put("a 900 KiB line", Map.entry(bytes("integrations:\n  x:\n    oauth_client_id: " + "c".repeat(900 << 10) + "\n"), "characters long"));
        inputs.put("invalid UTF-8", Map.entry(new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'}, "UTF-8"));
        inputs.put("NUL bytes", Map.entry(new byte[] {'a', ':', ' ', 0, 0, 0, '\n'}, "plain text"));
        inputs.put("java tag", Map.entry(bytes("integrations: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n"), "tag"));
        inputs.put("custom tag", Map.entry(bytes("integrations: !evil {}\n"), "tag"));
        inputs.put("binary tag", Map.entry(bytes("integrations: !!binary aGVsbG8=\n"), "tag"));
        inputs.put("duplicate key", Map.entry(bytes("integrations: {}\nintegrations: {}\n"), "duplicate"));
        return inputs;
    }

    @Test
    void hostileFilesAreRefusedClearlyWithBoundedMemory() {
        hostileInputs().forEach((name, input) -> {
            List<ConfigProblem> problems = boundedProblemsOf(input.getKey());
            assertThat(problems).as(name).isNotEmpty();
            assertThat(problems.get(0).toString()).as(name).contains("integrations.yaml").containsIgnoringCase(input.getValue());
        });
    }

    @Test
    void theCliPrintsOneReadableErrorAndExitsNonZero() throws Exception {
        for (var input : hostileInputs().entrySet()) {
            Cli result = validate(input.getValue().getKey());
            assertThat(result.exit()).as(input.getKey()).isNotZero();
            assertThat(result.out() + result.err()).as(input.getKey()).contains("integrations.yaml")
                    .containsIgnoringCase(input.getValue().getValue())
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aHugeValueOnShortLinesIsJustAValue() {
        // 900 KiB in one block scalar fits the file limit: handled as a value, in bounded memory, not echoed back.
        String value = ("c".repeat(1_000) + "\n      ").repeat(900);
        String yaml = "integrations:\n  outreach:\n    extends_blueprint: outreach:v0\n    oauth_client_id: |\n      " + value
                + "\n    oauth_client_secret: s\n    requests: {base_url: \"" + "h".repeat(1000) + "\"}\n";
        List<ConfigProblem> problems = boundedProblemsOf(bytes(yaml));
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("integrations.outreach.requests.base_url");
            assertThat(problem.toString()).hasSizeLessThan(2_000);
        });
    }

    // ---- every level, every type --------------------------------------------------------------------

    /** A valid integrations file that overrides blocks at every level of an OAuth blueprint. */
    private static Map<String, Object> validTree() {
        Map<String, Object> backoff = new LinkedHashMap<>(Map.of("initial", "PT1S", "max", "PT10S", "multiplier", 2.0, "jitter", 0.1));
        Map<String, Object> retry = new LinkedHashMap<>();
        retry.put("max_attempts", 3);
        retry.put("on_timeout", true);
        retry.put("backoff", backoff);
        retry.put("max_elapsed", "PT1M");
        Map<String, Object> reset = new LinkedHashMap<>(Map.of("header", "x-ratelimit-reset", "format", "epoch_seconds"));
        Map<String, Object> rateLimit = new LinkedHashMap<>();
        rateLimit.put("max_wait", "PT30S");
        rateLimit.put("reset", reset);
        Map<String, Object> refresh = new LinkedHashMap<>(Map.of("margin", "PT1M"));
        Map<String, Object> auth = new LinkedHashMap<>(Map.of("refresh", refresh));
        Map<String, Object> outreach = new LinkedHashMap<>();
        outreach.put("extends_blueprint", "outreach:v0");
        outreach.put("oauth_client_id", "abc123");
        outreach.put("oauth_client_secret", "s3cr3t");
        outreach.put("oauth_scopes", new ArrayList<>(List.of("prospects.read")));
        outreach.put("requests", new LinkedHashMap<>(Map.of("timeout", "PT20S")));
        outreach.put("retry", retry);
        outreach.put("rate_limit", rateLimit);
        outreach.put("auth", auth);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("integrations", new LinkedHashMap<>(Map.of("outreach", outreach)));
        return root;
    }

    private static byte[] dump(Map<String, Object> tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return bytes(new Yaml(options).dump(tree));
    }

    /** Every mapping in the tree, by its dotted path; {@code visit} may change the one it is given. */
    @SuppressWarnings("unchecked")
    private static void eachMapping(Map<String, Object> tree, String path, Map<String, Consumer<Map<String, Object>>> into) {
        into.put(path, m -> { });
        for (Map.Entry<String, Object> entry : tree.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> child) {
                eachMapping((Map<String, Object>) child, path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), into);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> tree, String path) {
        Map<String, Object> node = tree;
        if (!path.isEmpty()) {
            for (String key : path.split("\\.")) {
                node = (Map<String, Object>) node.get(key);
            }
        }
        return node;
    }

    @Test
    void theValidTreeIsValid() {
        assertThat(problemsOf(dump(validTree()))).isEmpty();
    }

    @Test
    void anUnknownKeyAtEveryLevelIsNamedWhereItIs() {
        Map<String, Consumer<Map<String, Object>>> mappings = new LinkedHashMap<>();
        eachMapping(validTree(), "", mappings);
        assertThat(mappings).hasSizeGreaterThanOrEqualTo(10);
        for (String path : mappings.keySet()) {
            if (path.equals("integrations")) {
                continue; // its keys are integration names, any name is allowed
            }
            Map<String, Object> tree = validTree();
            at(tree, path).put("zz_unknown_key", 1);
            String expected = (path.isEmpty() ? "" : path + ".") + "zz_unknown_key";
            assertThat(problemsOf(dump(tree))).as("unknown key under '%s'", path).singleElement().satisfies(problem -> {
                assertThat(problem.path()).isEqualTo(expected);
                assertThat(problem.message()).startsWith("unknown key");
                assertThat(problem.position().line()).isPositive();
            });
        }
    }

    @Test
    void aWrongTypeAtEveryLeafSaysWhatWasExpected() {
        Map<String, Consumer<Map<String, Object>>> mappings = new LinkedHashMap<>();
        eachMapping(validTree(), "", mappings);
        int leaves = 0;
        for (String path : mappings.keySet()) {
            for (Map.Entry<String, Object> leaf : at(validTree(), path).entrySet()) {
                if (leaf.getValue() instanceof Map<?, ?>) {
                    continue;
                }
                // A value of another type: a map where a scalar or list belongs, a list where a scalar belongs.
                Object wrong = leaf.getValue() instanceof List<?> ? Map.of("a", 1) : List.of(1, 2);
                Map<String, Object> tree = validTree();
                at(tree, path).put(leaf.getKey(), wrong);
                String field = (path.isEmpty() ? "" : path + ".") + leaf.getKey();
                List<ConfigProblem> problems = problemsOf(dump(tree));
                // Named at the field with what was expected; a wrong extends_blueprint also leaves the blueprint's
                // required keys missing, which is reported too.
                assertThat(problems).as("wrong type at %s", field).isNotEmpty().hasSizeLessThanOrEqualTo(3).anySatisfy(problem -> {
                    assertThat(problem.path()).isEqualTo(field);
                    assertThat(problem.message()).containsAnyOf("expected", "must be");
                });
                leaves++;
            }
        }
        assertThat(leaves).as("leaves checked").isGreaterThanOrEqualTo(15);
    }

    @Test
    void aBombGivenToTheJavaApiIsAConfigurationExceptionNotACrash() {
        assertThatThrownBy(() -> BlueprintEngine.builder().environment(Map.of()).integrations("bomb.yaml", aliasBomb()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("bomb.yaml");
    }
}
