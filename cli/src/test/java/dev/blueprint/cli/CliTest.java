package dev.blueprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's contract: exit codes 0/1/2, one readable line per problem, no stack traces, no secrets. */
class CliTest {
    private static final String SECRET = "canary-cli-secret-4242";
    private static final Map<String, String> ENV = Map.of("OUTREACH_CLIENT_SECRET", SECRET);

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), env, args);
        Result result = new Result(exit, out.toString(), err.toString());
        assertThat(result.all()).doesNotContain(SECRET);
        return result;
    }

    private Path integrations(String yaml) throws IOException {
        return Files.writeString(dir.resolve("integrations.yaml"), yaml);
    }

    private static final String VALID = """
            integrations:
              outreach:
                extends_blueprint: outreach:v0
                oauth_client_id: abc123
                oauth_client_secret: ${OUTREACH_CLIENT_SECRET}
                oauth_scopes: [prospects.read]
                retry: {max_attempts: 2}
            """;

    @Test
    void validateValidFileExitsZero() throws IOException {
        Result result = run(ENV, "validate", "--integrations", integrations(VALID).toString());
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("1 integration valid (outreach)");
    }

    @Test
    void validatePrintsExactlyOneContractLinePerProblemAndExitsOne() throws IOException {
        Path file = integrations(VALID.replace("oauth_scopes", "oauth_scoped")
                .replace("max_attempts: 2", "max_attempts: two")
                .replace("outreach:v0", "outreach:v9"));
        Result result = run(ENV, "validate", "--integrations", file.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out().lines()).containsExactly(
                file + ":3:24: integrations.outreach.extends_blueprint: blueprint 'outreach' has no version v9; available: v0",
                file + ":6:5: integrations.outreach.oauth_scoped: unknown key; did you mean 'oauth_scopes'?");
        assertThat(result.err()).isEqualTo("2 problems found\n");
    }

    @Test
    void threeMistakesGiveThreeLines() throws IOException {
        Path file = integrations(VALID.replace("oauth_scopes", "oauth_scoped")
                .replace("max_attempts: 2", "max_attempts: two")
                .replace("oauth_client_id: abc123", "oauth_client_id: abc123\n    requests: {timeout: soon}"));
        Result result = run(ENV, "validate", "--integrations", file.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out().lines()).containsExactly(
                file + ":5:25: integrations.outreach.requests.timeout: must be an ISO-8601 duration such as PT30S, PT5M, PT2H or P14D",
                file + ":7:5: integrations.outreach.oauth_scoped: unknown key; did you mean 'oauth_scopes'?",
                file + ":8:27: integrations.outreach.retry.max_attempts: expected an integer, got a string");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run(ENV, "frobnicate").exit()).isEqualTo(2);
        assertThat(run(ENV, "validate", "--no-such-flag").exit()).isEqualTo(2);
        assertThat(run(ENV, "show", "outreach").exit()).isEqualTo(2);
        assertThat(run(ENV).exit()).isEqualTo(2);
    }

    @Test
    void resolveShowsOriginsAndMasksTheSecret() throws IOException {
        Path file = integrations(VALID);
        Result result = run(ENV, "resolve", "outreach", "--integrations", file.toString());
        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .contains("# integration outreach: outreach:v0 from blueprints/outreach/v0.yaml")
                .containsPattern("oauth_client_secret: '\\*\\*\\*\\*' +# env OUTREACH_CLIENT_SECRET \\(" + Pattern.quote(file + ":5:26") + "\\)")
                .containsPattern("oauth_client_id: abc123 +# override " + Pattern.quote(file + ":4:22"))
                .containsPattern("max_attempts: 2 +# override " + Pattern.quote(file + ":7:27"))
                .containsPattern("on_timeout: true +# blueprint blueprints/outreach/v0\\.yaml:\\d+:\\d+")
                .containsPattern("token_url: \"https://api.outreach.io/oauth/token\" +# blueprint");
    }

    @Test
    void resolveMasksSecretsWrittenInTheFileToo() throws IOException {
        Path file = integrations(VALID.replace("${OUTREACH_CLIENT_SECRET}", SECRET));
        Result result = run(Map.of(), "resolve", "outreach", "--integrations", file.toString());
        assertThat(result.exit()).isZero();
        assertThat(result.out()).containsPattern("oauth_client_secret: '\\*\\*\\*\\*' +# override");
    }

    @Test
    void resolveUnknownIntegrationIsOneLineAndExitOne() throws IOException {
        Result result = run(ENV, "resolve", "outreech", "--integrations", integrations(VALID).toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(
                "error: [unknown_integration] no integration named 'outreech'; did you mean 'outreach'?; defined: outreach\n");
    }

    @Test
    void missingVariableNamesItWithoutStackTrace() throws IOException {
        Result result = run(Map.of(), "resolve", "outreach", "--integrations", integrations(VALID).toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains(":5:26: integrations.outreach.oauth_client_secret: environment variable OUTREACH_CLIENT_SECRET is not set")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void debugShowsTheStackTrace() throws IOException {
        Result result = run(Map.of(), "resolve", "outreach", "--debug", "--integrations", integrations(VALID).toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.err()).contains("ConfigurationException").contains("\tat ");
    }

    @Test
    void listShowsTheCatalog() {
        Result result = run(ENV, "list");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("outreach:v0").contains("Outreach").contains("oauth2");
    }

    @Test
    void showPrintsTheBlueprintAndUnknownListsVersions() {
        Result shown = run(ENV, "show", "outreach:v0");
        assertThat(shown.exit()).isZero();
        assertThat(shown.out()).startsWith("# blueprints/outreach/v0.yaml\n").contains("token_url: https://api.outreach.io/oauth/token");
        Result unknown = run(ENV, "show", "outreach:v5");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("blueprint 'outreach' has no version v5; available: v0");
    }

    @Test
    void hostileFilesGiveOneClearErrorEach() throws IOException {
        Map<String, String> cases = Map.of(
                "tabs.yaml", "integrations:\n\toutreach: {}\n",
                "tags.yaml", "integrations: !!java.lang.Runtime {}\n",
                "dupes.yaml", "integrations: {}\nintegrations: {}\n",
                "empty.yaml", "");
        for (var entry : cases.entrySet()) {
            Path file = Files.writeString(dir.resolve(entry.getKey()), entry.getValue());
            Result result = run(ENV, "validate", "--integrations", file.toString());
            assertThat(result.exit()).as(entry.getKey()).isEqualTo(1);
            assertThat(result.out().lines()).as(entry.getKey()).hasSize(1).allSatisfy(line -> assertThat(line).startsWith(file + ":"));
            assertThat(result.all()).as(entry.getKey()).doesNotContain("\tat ");
        }
    }

    @Test
    void tenMegabyteFileIsRefusedWithItsSize() throws IOException {
        Path file = dir.resolve("huge.yaml");
        Files.write(file, new byte[10 * 1024 * 1024]);
        Result result = run(ENV, "validate", "--integrations", file.toString());
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).isEqualTo(file + ":1:1: file is 10,485,760 bytes; the limit is 1,048,576 bytes (1 MiB)\n");
    }

    private static final class Pattern {
        static String quote(String text) {
            return java.util.regex.Pattern.quote(text);
        }
    }
}
