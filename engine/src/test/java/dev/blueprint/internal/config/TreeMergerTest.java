package dev.blueprint.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.yaml.Origin;
import dev.blueprint.yaml.YNode;
import dev.blueprint.yaml.YNode.YList;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import dev.blueprint.internal.yaml.YamlLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TreeMergerTest {
    private static YNode parse(String file, String yaml, Origin.Source source) {
        return new YamlLoader().load(file, yaml.getBytes(StandardCharsets.UTF_8), source)
                .toEither().getOrElseThrow(p -> new AssertionError(p.toString()));
    }

    private static YMap merge(String base, String override) {
        return (YMap) TreeMerger.merge(parse("base.yaml", base, Origin.Source.BLUEPRINT),
                parse("user.yaml", override, Origin.Source.OVERRIDE));
    }

    private static YNode at(YMap root, String... keys) {
        YNode node = root;
        for (String key : keys) {
            node = ((YMap) node).get(key).orElseThrow(() -> new AssertionError("no " + key));
        }
        return node;
    }

    @Test
    void mapsMergeDeeplyAndTheOverrideWins() {
        YMap merged = merge("retry:\n  max_attempts: 4\n  on_timeout: true\n", "retry:\n  max_attempts: 2\n");
        assertThat(((YScalar) at(merged, "retry", "max_attempts")).value()).isEqualTo(2L);
        assertThat(((YScalar) at(merged, "retry", "on_timeout")).value()).isEqualTo(true);
        assertThat(at(merged, "retry", "max_attempts").origin().position()).hasToString("user.yaml:2:17");
        assertThat(at(merged, "retry", "on_timeout").origin().position()).hasToString("base.yaml:3:15");
    }

    @Test
    void listsReplaceInsteadOfConcatenating() {
        YMap merged = merge("statuses: [500, 502, 503]\n", "statuses: [429]\n");
        assertThat(((YList) at(merged, "statuses")).items()).singleElement()
                .satisfies(item -> assertThat(((YScalar) item).value()).isEqualTo(429L));
    }

    @Test
    void explicitNullRemovesTheKey() {
        YMap merged = merge("rate_limit:\n  reset: {header: x}\n  remaining: y\n", "rate_limit:\n  reset: null\n");
        assertThat(((YMap) at(merged, "rate_limit")).entries()).containsOnlyKeys("remaining");
    }

    @Test
    void aScalarMayReplaceAMapAndNewKeysAreAdded() {
        YMap merged = merge("a: {b: 1}\n", "a: text\nc: 3\n");
        assertThat(((YScalar) at(merged, "a")).value()).isEqualTo("text");
        assertThat(merged.entries()).containsOnlyKeys("a", "c");
    }
}
