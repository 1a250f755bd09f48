package dev.blueprint.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/java.md's plain Java example, run as written against the Outreach sandbox; and the page quotes it exactly. */
class PlainJavaExampleTest {
    private static final Path DOCS = Path.of(System.getProperty("blueprint.repo", ".."), "docs", "java.md");

    @TempDir
    Path dir;

    @Test
    void theExampleConnectsAndReadsEveryProspect() throws Exception {
        try (Sandbox sandbox = Sandbox.of(BlueprintEngine.builder().environment(Map.of()).build().catalog()
                .blueprint(BlueprintRef.parse("outreach:v0")))) {
            Path integrations = Files.writeString(dir.resolve("integrations.yaml"),
                    sandbox.integrationsYaml("outreach", "    oauth_scopes: [prospects.read]\n"));
            PlainJavaExample example = new PlainJavaExample(integrations);
            try {
                URI consent = example.authorizationUrl("customer-42", URI.create("https://app.example/oauth/callback"));
                HttpResponse<Void> redirect = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                        .send(HttpRequest.newBuilder(consent).build(), HttpResponse.BodyHandlers.discarding());
                assertThat(example.connected(URI.create(redirect.headers().firstValue("location").orElseThrow()))).isEqualTo("customer-42");
                assertThat(example.prospects("customer-42")).extracting(PlainJavaExample.Prospect::id)
                        .containsExactly("0", "1", "2", "3", "4");
            } finally {
                example.close();
            }
        }
    }

    @Test
    void docsJavaMdQuotesTheExamplesAsTheyAre() throws Exception {
        String page = Files.readString(DOCS);
        for (Path source : new Path[]{Path.of("src/test/java/dev/blueprint/examples/PlainJavaExample.java"),
                Path.of("src/test/java/dev/blueprint/spring/app/ProspectService.java")}) {
            String text = Files.readString(source);
            String quoted = text.substring(text.indexOf('\n', text.indexOf("// docs:start")) + 1, text.indexOf("// docs:end"));
            assertThat(page).as(source + " quoted in docs/java.md").contains(quoted);
        }
    }
}
