package dev.blueprint.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.ConfigProblem;
import dev.blueprint.yaml.Origin;
import dev.blueprint.yaml.YNode;
import dev.blueprint.yaml.YNode.YList;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile and malformed YAML: each gives one clear problem with a position, quickly and without a value leak. */
@Timeout(value = 10, unit = TimeUnit.SECONDS) // a hang guard, not a speed claim
class YamlLoaderTest {
    private final YamlLoader loader = new YamlLoader();

    private List<ConfigProblem> problems(String yaml) {
        return problems(yaml.getBytes(StandardCharsets.UTF_8));
    }

    private List<ConfigProblem> problems(byte[] bytes) {
        return loader.load("f.yaml", bytes, Origin.Source.OVERRIDE).fold(p -> p, tree -> List.of());
    }

    private YNode tree(String yaml) {
        return loader.load("f.yaml", yaml.getBytes(StandardCharsets.UTF_8), Origin.Source.OVERRIDE)
                .toEither().getOrElseThrow(p -> new AssertionError(p.toString()));
    }

    @Test
    void plainYamlKeepsPositionsAndPathsOfEveryNode() {
        YMap root = (YMap) tree("a:\n  b: [1, x]\n  c: true\n");
        YMap a = (YMap) root.get("a").orElseThrow();
        YList b = (YList) a.get("b").orElseThrow();
        assertThat(b.items().get(1).origin().position()).hasToString("f.yaml:2:10");
        assertThat(b.items().get(1).origin().path()).isEqualTo("a.b[1]");
        assertThat(((YScalar) b.items().get(0)).value()).isEqualTo(1L);
        assertThat(((YScalar) a.get("c").orElseThrow()).value()).isEqualTo(true);
        assertThat(a.entries().get("c").keyOrigin().position()).hasToString("f.yaml:3:3");
    }

    @Test
    void malformedYamlPointsAtTheProblem() {
        assertThat(problems("a: [1, 2\nb: 3\n")).singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith("f.yaml:2:").contains("invalid YAML"));
    }

    @Test
    void tabIndentationIsNamedAsSuch() {
        assertThat(problems("a:\n\tb: 1\n")).singleElement()
                .satisfies(p -> assertThat(p.toString()).isEqualTo(
                        "f.yaml:2:1: a tab character is used for indentation; YAML allows only spaces"));
    }

    @Test
    void duplicateKeysNameTheFirstDefinition() {
        assertThat(problems("a: 1\nb: 2\na: 3\n")).singleElement()
                .hasToString("f.yaml:3:1: a: duplicate key; first defined at line 1");
    }

    @Test
    void aliasBombIsRefusedWithoutExpanding() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [")
                    .append(("*" + prev + ", ").repeat(9)).append("*").append(prev).append("]\n");
        }
        assertThat(problems(bomb.toString())).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("too many aliases").contains("alias bomb"));
    }

    @Test
    void fiftyLevelsOfNestingAreRefused() {
        String deep = "a: ".repeat(0) + "[".repeat(50) + "]".repeat(50) + "\n";
        assertThat(problems("a: " + deep)).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("nesting is deeper than 32 levels"));
    }

    @Test
    void tenMegabyteFileIsRefusedBeforeParsing() {
        byte[] huge = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        assertThat(problems(huge)).singleElement()
                .hasToString("f.yaml:1:1: file is 10,485,760 bytes; the limit is 1,048,576 bytes (1 MiB)");
    }

    @Test
    void javaTagsAreNeverInstantiated() {
        assertThat(problems("a: !!java.lang.Runtime {}\n")).singleElement()
                .hasToString("f.yaml:1:4: YAML tag '!!java.lang.Runtime' is not allowed; only plain values, lists and maps are");
    }

    @Test
    void customTagsAndBinaryAreRefused() {
        assertThat(problems("a: !secret x\nb: !!binary aGVsbG8=\n"))
                .extracting(ConfigProblem::path).containsExactly("a", "b");
    }

    @Test
    void emptyFileIsAnError() {
        assertThat(problems("")).singleElement().hasToString("f.yaml:1:1: file is empty; expected a YAML map");
        assertThat(problems("# only a comment\n")).singleElement()
                .hasToString("f.yaml:1:1: file is empty; expected a YAML map");
    }

    @Test
    void binaryDataIsNotText() {
        assertThat(problems(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2})).singleElement()
                .hasToString("f.yaml:1:1: file is not UTF-8 text");
        assertThat(problems("a: b\u0001c\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("non-printable character U+0001"));
    }

    @Test
    void mergeKeysAreRefused() {
        assertThat(problems("base: &b {x: 1}\nc:\n  <<: *b\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("merge keys"));
    }

    @Test
    void recursiveAliasIsRefused() {
        assertThat(problems("a: &a\n  - *a\n")).isNotEmpty()
                .allSatisfy(p -> assertThat(p.message()).containsAnyOf("recursive", "alias"));
    }

    @Test
    void parseErrorsNeverQuoteTheSourceLine() {
        List<ConfigProblem> found = problems("client_secret: hunter2-very-secret\nbad: [\n");
        assertThat(found).isNotEmpty().allSatisfy(p -> assertThat(p.toString()).doesNotContain("hunter2"));
    }

    @Test
    void scalarsFollowTheYamlCoreTypes() {
        YMap root = (YMap) tree("i: 0x1F\nf: 1.5\nn: ~\ns: '42'\nbig: 123456789012345678901234567890\n");
        assertThat(((YScalar) root.get("i").orElseThrow()).value()).isEqualTo(31L);
        assertThat(((YScalar) root.get("f").orElseThrow()).value()).isEqualTo(1.5);
        assertThat(((YScalar) root.get("n").orElseThrow()).isNull()).isTrue();
        assertThat(((YScalar) root.get("s").orElseThrow()).value()).isEqualTo("42");
        assertThat(((YScalar) root.get("big").orElseThrow()).value()).isInstanceOf(java.math.BigInteger.class);
    }
}
