package dev.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.model.BlueprintRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static final String ACME = """
            name: acme
            version: v1
            display_name: Acme
            docs_url: https://acme.example/docs
            auth: {mode: bearer}
            requests: {base_url: "https://acme.example/api"}
            """;

    @Test
    void theIndexListsEveryBlueprintOfTheCheckoutAsItsFileSays() throws IOException {
        Path blueprints = Path.of(System.getProperty("blueprint.repo", ".."), "blueprints");
        Catalog workingTree = BlueprintEngine.builder().environment(Map.of()).withoutBundledCatalog().blueprints(blueprints)
                .build().catalog();
        // 'blueprint docs' writes it; a blueprint added, removed or changed without it shows here.
        assertThat(Files.readString(blueprints.resolve("index.tsv"))).isEqualTo(workingTree.indexText());
        Catalog bundled = BlueprintEngine.builder().environment(Map.of()).build().catalog();
        assertThat(bundled.entries()).as("listed from the jar's index").isEqualTo(workingTree.entries());
    }

    @Test
    void everyBundledBlueprintIsValidOnItsOwn() {
        Catalog catalog = BlueprintEngine.builder().environment(Map.of()).build().catalog();
        assertThat(catalog.refs()).contains(BlueprintRef.parse("outreach:v0"));
        for (BlueprintRef ref : catalog.refs()) {
            assertThat(catalog.check(ref)).as(ref.toString()).isEmpty();
        }
    }

    @Test
    void extraDirectoryAddsBlueprintsThatIntegrationsCanExtend() throws IOException {
        write("acme/v1.yaml", ACME);
        BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).blueprints(dir)
                .integrations("integrations.yaml", "integrations:\n  acme: {extends_blueprint: \"acme:v1\"}\n").build();
        assertThat(engine.catalog().refs()).contains(BlueprintRef.parse("acme:v1"), BlueprintRef.parse("outreach:v0"));
        assertThat(engine.integration("acme").blueprint().displayName()).isEqualTo("Acme");
    }

    @Test
    void nameMustEqualTheFolderAndVersionTheFileName() throws IOException {
        write("acme/v2.yaml", ACME.replace("name: acme", "name: acne"));
        assertThatThrownBy(() -> BlueprintEngine.builder().environment(Map.of()).blueprints(dir).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::toString)
                        .containsExactly(
                                dir + "/acme/v2.yaml:1:7: name: must equal the folder name 'acme'",
                                dir + "/acme/v2.yaml:2:10: version: must equal the file name 'v2'"));
    }

    @Test
    void blueprintFilesMustBeNamedByVersion() throws IOException {
        write("acme/latest.yaml", ACME);
        assertThatThrownBy(() -> BlueprintEngine.builder().environment(Map.of()).blueprints(dir).build())
                .hasMessageContaining(dir + "/acme/latest.yaml:1:1: blueprint files must be named v<N>.yaml, such as v0.yaml");
    }

    @Test
    void invalidExtraBlueprintIsReportedInItsOwnFile() throws IOException {
        write("acme/v1.yaml", ACME.replace("auth: {mode: bearer}", "auth: {mode: bearer, token: x}"));
        assertThatThrownBy(() -> BlueprintEngine.builder().environment(Map.of()).blueprints(dir).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::toString)
                        .containsExactly(dir + "/acme/v1.yaml:5:22: auth.token: unknown key; expected one of mode"));
    }

    @Test
    void blueprintContentErrorsPointAtTheBlueprintNotTheIntegrationsFile() throws IOException {
        write("acme/v1.yaml", ACME.replace("requests: {base_url: \"https://acme.example/api\"}",
                "requests: {base_url: \"https://acme.example/api\"}\nretry: {max_attempts: many}"));
        assertThatThrownBy(() -> BlueprintEngine.builder().environment(Map.of()).blueprints(dir)
                .integrations("integrations.yaml", "integrations:\n  acme: {extends_blueprint: \"acme:v1\"}\n").build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).extracting(ConfigProblem::toString)
                        .containsExactly(dir + "/acme/v1.yaml:7:23: retry.max_attempts: expected an integer, got a string"));
    }

    @Test
    void missingDirectoryIsAProblem() {
        assertThatThrownBy(() -> BlueprintEngine.builder().environment(Map.of()).blueprints(dir.resolve("nope")).build())
                .hasMessageContaining("nope:1:1: blueprint directory does not exist or is not a directory");
    }

    @Test
    void unknownRefListsWhatExists() {
        Catalog catalog = BlueprintEngine.builder().environment(Map.of()).build().catalog();
        assertThatThrownBy(() -> catalog.blueprint(BlueprintRef.parse("outreach:v3")))
                .hasMessageContaining("blueprint 'outreach' has no version v3; available: v0");
    }
}
