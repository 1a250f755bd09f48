package dev.blueprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.cli.docs.DocsGenerator;
import dev.blueprint.cli.lint.CatalogLint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contribution rules beyond the schema, and the generated catalog pages. */
class CatalogLintTest {
    @TempDir
    Path dir;

    private static final String GOOD = """
            name: acme
            version: v0
            display_name: Acme
            docs_url: https://acme.example/docs
            connection_config:
              tenant: {pattern: "[a-z0-9-]{1,63}", example: "blue"}
            auth: {mode: bearer}
            requests: {base_url: "https://{{connection.tenant}}.acme.example/api"}
            rate_limit: {retry_after: [Retry-After], remaining: X-RateLimit-Remaining}
            gotchas: ["Tokens never expire."]
            """;

    private List<String> lint(String blueprint) throws IOException {
        Path file = dir.resolve("acme/v0.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, blueprint);
        return CatalogLint.lint(BlueprintEngine.builder().environment(Map.of()).blueprints(dir).build().catalog()).stream()
                .filter(p -> p.position().file().startsWith(dir.toString())).map(p -> p.toString().replace(dir.toString(), "DIR")).toList();
    }

    @Test
    void bundledCatalogIsClean() {
        assertThat(CatalogLint.lint(BlueprintEngine.builder().environment(Map.of()).build().catalog())).isEmpty();
    }

    @Test
    void aGoodBlueprintPasses() throws IOException {
        assertThat(lint(GOOD)).isEmpty();
    }

    @Test
    void everyRuleNamesTheNodeThatBreaksIt() throws IOException {
        String bad = GOOD.replace("docs_url: https://acme.example/docs\n", "")
                .replace("\"[a-z0-9-]{1,63}\", example: \"blue\"", "\"[a-z0-9./:-]+\"")
                .replace("remaining: X-RateLimit-Remaining", "remaining: x-ratelimit-remaining, limit: X-RateLimit-Limit")
                .replace("gotchas: [\"Tokens never expire.\"]", "gotchas: [\"Example token: ghp_0123456789abcdefABCDEF0123456789abcd\"]");
        assertThat(lint(bad)).containsExactly(
                "DIR/acme/v0.yaml:1:1: docs_url: missing: every catalog blueprint links the provider's docs",
                "DIR/acme/v0.yaml:5:11: connection_config.tenant.example: missing: an example value that matches the pattern (docs and the sandbox contract use it)",
                "DIR/acme/v0.yaml:5:21: connection_config.tenant.pattern: must not accept '/': a value could change the URL's host or path",
                "DIR/acme/v0.yaml:5:21: connection_config.tenant.pattern: must not accept ':': a value could change the URL's host or path",
                "DIR/acme/v0.yaml:8:53: rate_limit.remaining: header names in rate_limit mix cases; write them all in one case",
                "DIR/acme/v0.yaml:9:11: gotchas[0]: looks like a secret (a key or token); blueprints hold no credentials");
    }

    @Test
    void catalogUrlsMustBeHttpsEvenOnLoopback() throws IOException {
        assertThat(lint(GOOD.replace("https://acme.example/docs", "http://127.0.0.1/docs")))
                .containsExactly("DIR/acme/v0.yaml:4:11: docs_url: catalog URLs must be https");
    }

    @Test
    void docsPagesCoverUsageCoverageAndGotchas() {
        Map<String, String> pages = new DocsGenerator().generate(BlueprintEngine.builder().environment(Map.of()).build().catalog());
        assertThat(pages).containsKeys("README.md", "outreach.md");
        assertThat(pages.get("outreach.md")).contains("# Outreach").contains("extends_blueprint: outreach:v0")
                .contains("oauth_client_secret: ${OUTREACH_CLIENT_SECRET}").contains("| Token refresh | ✅ | **mandatory**")
                .contains("refresh tokens die after P14D").contains("`x-ratelimit-remaining`").contains("## Gotchas");
        assertThat(pages.get("README.md")).contains("| [Outreach](outreach.md) | `outreach:v0` |");
    }

    @Test
    void committedPagesMatchTheBlueprints() {
        Path committed = Path.of(System.getProperty("blueprint.repo"), "docs", "blueprints");
        StringWriter out = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), Map.of(),
                "docs", "--check", "--out", committed.toString());
        assertThat(exit).as(out.toString()).isZero();
    }

    @Test
    void docsCheckFindsAChangedPage() throws IOException {
        Path pages = dir.resolve("pages");
        StringWriter out = new StringWriter();
        assertThat(Main.run(new PrintWriter(out, true), new PrintWriter(out, true), Map.of(), "docs", "--out", pages.toString())).isZero();
        Files.writeString(pages.resolve("outreach.md"), "edited by hand\n");
        Files.writeString(pages.resolve("gone.md"), "a page nothing generates\n");
        StringWriter check = new StringWriter();
        assertThat(Main.run(new PrintWriter(check, true), new PrintWriter(check, true), Map.of(), "docs", "--check", "--out", pages.toString()))
                .isEqualTo(1);
        assertThat(check.toString()).contains("outreach.md: differs from what its blueprint generates")
                .contains("gone.md: no blueprint generates it");
    }
}
