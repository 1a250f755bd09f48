package dev.blueprint.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.ConfigProblem;
import dev.blueprint.yaml.Origin;
import dev.blueprint.yaml.YNode;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import dev.blueprint.internal.yaml.YamlLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentResolverTest {
    private final List<ConfigProblem> problems = new ArrayList<>();

    private YScalar resolve(String value, Map<String, String> env) {
        YNode tree = new YamlLoader().load("i.yaml", ("k: " + value + "\n").getBytes(StandardCharsets.UTF_8), Origin.Source.OVERRIDE)
                .toEither().getOrElseThrow(p -> new AssertionError(p.toString()));
        YMap resolved = (YMap) new EnvironmentResolver(env::get).resolve(tree, problems);
        return (YScalar) resolved.get("k").orElseThrow();
    }

    @Test
    void referenceIsReplacedAndTheVariableIsRemembered() {
        YScalar value = resolve("\"pre-${A}-post\"", Map.of("A", "x"));
        assertThat(value.value()).isEqualTo("pre-x-post");
        assertThat(value.origin().environmentVariables()).containsExactly("A");
        assertThat(problems).isEmpty();
    }

    @Test
    void defaultIsUsedOnlyWhenTheVariableIsUnset() {
        assertThat(resolve("${A:-fallback}", Map.of()).value()).isEqualTo("fallback");
        assertThat(resolve("${A:-fallback}", Map.of("A", "set")).value()).isEqualTo("set");
    }

    @Test
    void doubleDollarIsALiteral() {
        YScalar value = resolve("\"$${A}\"", Map.of("A", "x"));
        assertThat(value.value()).isEqualTo("${A}");
        assertThat(value.origin().fromEnvironment()).isFalse();
    }

    @Test
    void missingVariableNamesTheVariableAndWhereItIsUsed() {
        resolve("${MISSING_SECRET}", Map.of());
        assertThat(problems).singleElement()
                .hasToString("i.yaml:1:4: k: environment variable MISSING_SECRET is not set");
    }

    @Test
    void unclosedAndInvalidReferencesAreErrors() {
        resolve("${A", Map.of("A", "x"));
        resolve("${1A}", Map.of());
        assertThat(problems).extracting(ConfigProblem::message).containsExactly(
                "'${' is not closed; write ${NAME}, ${NAME:-default} or $${ for a literal",
                "'${1A}' is not a valid variable name; use letters, digits and '_'");
    }
}
