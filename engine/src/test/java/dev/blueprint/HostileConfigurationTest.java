package dev.blueprint;

import static dev.blueprint.testing.ConfigurationTree.FREE_FORM;
import static dev.blueprint.testing.ConfigurationTree.UNKNOWN;
import static dev.blueprint.testing.ConfigurationTree.WRONG;
import static dev.blueprint.testing.ConfigurationTree.append;
import static dev.blueprint.testing.ConfigurationTree.dump;
import static dev.blueprint.testing.ConfigurationTree.places;
import static dev.blueprint.testing.ConfigurationTree.positionIn;
import static dev.blueprint.testing.ConfigurationTree.positionOf;
import static dev.blueprint.testing.ConfigurationTree.set;
import static dev.blueprint.testing.ConfigurationTree.validTree;
import static dev.blueprint.testing.ConfigurationTree.wrongValuesFor;
import static dev.blueprint.testing.HostileInputs.aliasBomb;
import static dev.blueprint.testing.HostileInputs.bytes;
import static dev.blueprint.testing.HostileInputs.hostileInputs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blueprint.internal.catalog.BlueprintCatalog;
import dev.blueprint.internal.config.ConfigurationLoader;
import dev.blueprint.internal.schema.SchemaChecker;
import dev.blueprint.testing.Allocation;
import dev.blueprint.testing.HostileInputs;
import dev.blueprint.testing.ConfigurationTree.Place;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile configuration through the Java API (the CLI's side is HostileConfigurationCliTest in module cli): each input gets a clear error (file:line:col or the
 * field, what was expected), never a stack trace or an exception's name, within bounded time and memory.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS) // a hang guard per test; each takes well under a second or two
class HostileConfigurationTest {

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

    private Path write(byte[] content) {
        return HostileInputs.write(dir, content);
    }

    @Test
    void hostileFilesAreRefusedClearlyWithBoundedMemory() {
        hostileInputs().forEach((name, input) -> {
            List<ConfigProblem> problems = Allocation.withinBound(() -> problemsOf(input.getKey()));
            // One problem, pointing into the file: the first refusal stops parsing, nothing cascades from it.
            assertThat(problems).as(name).singleElement().asString()
                    .matches(".*integrations\\.yaml:\\d+:\\d+: .*").containsIgnoringCase(input.getValue());
        });
    }

    @Test
    void aFileWhoseSizeSaysNothingIsReadOnlyUpToTheLimit() {
        Path endless = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(endless), "needs /dev/zero");
        // A device (or a pipe) reports size 0 and never ends: reading it whole ran out of memory.
        assertThat(Allocation.withinBound(() -> problemsOf(endless))).singleElement().asString()
                .isEqualTo("/dev/zero:1:1: file is larger than the limit of 1,048,576 bytes (1 MiB)");
    }

    @Test
    void aDirectoryIsExplainedInWords() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("folder.yaml"));
        assertThat(problemsOf(folder)).singleElement().asString().endsWith("folder.yaml:1:1: is a directory; expected a YAML file");
    }

    @Test
    void aHugeValueOnShortLinesIsJustAValue() {
        // 900 KiB in one block scalar fits the file limit: handled as a value, in bounded memory, not echoed back.
        String value = ("c".repeat(1_000) + "\n      ").repeat(900);
        String yaml = "integrations:\n  outreach:\n    extends_blueprint: outreach:v0\n    oauth_client_id: |\n      " + value
                + "\n    oauth_client_secret: s\n    requests: {base_url: \"" + "h".repeat(1000) + "\"}\n";
        List<ConfigProblem> problems = Allocation.withinBound(() -> problemsOf(bytes(yaml)));
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
}
