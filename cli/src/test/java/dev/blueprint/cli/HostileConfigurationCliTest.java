package dev.blueprint.cli;

import static dev.blueprint.testing.ConfigurationTree.FREE_FORM;
import static dev.blueprint.testing.ConfigurationTree.UNKNOWN;
import static dev.blueprint.testing.ConfigurationTree.WRONG;
import static dev.blueprint.testing.ConfigurationTree.append;
import static dev.blueprint.testing.ConfigurationTree.dump;
import static dev.blueprint.testing.ConfigurationTree.places;
import static dev.blueprint.testing.ConfigurationTree.positionIn;
import static dev.blueprint.testing.ConfigurationTree.set;
import static dev.blueprint.testing.ConfigurationTree.validTree;
import static dev.blueprint.testing.ConfigurationTree.wrongValuesFor;
import static dev.blueprint.testing.HostileInputs.bytes;
import static dev.blueprint.testing.HostileInputs.hostileInputs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blueprint.testing.Allocation;
import dev.blueprint.testing.HostileInputs;
import dev.blueprint.testing.ConfigurationTree.Place;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile configuration through the CLI: each input gets one readable line per problem and exit code 1, never a
 * stack trace or an exception's name, within bounded time and memory. The Java API's side is the engine's
 * HostileConfigurationTest.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS) // a hang guard per test; each takes well under a second or two
class HostileConfigurationCliTest {
    @TempDir
    Path dir;

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
        return HostileInputs.write(dir, content);
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
    void theCliReadsAFileWhoseSizeSaysNothingOnlyUpToTheLimit() {
        Path endless = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(endless), "needs /dev/zero");
        // A device (or a pipe) reports size 0 and never ends: reading it whole ran out of memory.
        Cli result = validate(endless);
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("larger than the limit");
        assertNoInternals(result, "/dev/zero");
    }

    @Test
    void theCliExplainsADirectoryInWords() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
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
        int exit = Allocation.withinBound(() -> Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(),
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
