package dev.blueprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.AuthorizationRequest;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.model.ApiKeyConfig;
import dev.blueprint.model.AuthConfig;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.model.ClientCredentialsConfig;
import dev.blueprint.model.OAuth2Config;
import dev.blueprint.sandbox.Sandbox;
import dev.blueprint.store.InMemoryCredentialStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `blueprint import nango` and `blueprint import openapi` on fixtures written from the formats' public descriptions:
 * what converts is written, validates and runs against the sandbox; what does not is said per provider; bad input is
 * one located error and writes nothing.
 */
class ImportCommandTest {
    private static final Path FIXTURES = Path.of("src/test/resources/imports");

    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), Map.of("BLUEPRINT_HOME", dir.resolve("home").toString()), args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void nangoProvidersBecomeBlueprintsThatValidateAndRunAgainstTheSandbox() throws Exception {
        Path out = dir.resolve("imported");
        Result result = run("import", "nango", FIXTURES.resolve("nango-providers.yaml").toString(), "--out", out.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        List<String> written = List.of("acme-crm", "acme-desk", "acme-desk-eu", "acme-keys", "acme-query-keys", "acme-basic",
                "acme-machine", "acme-region", "acme-callback");
        try (Stream<Path> folders = Files.list(out)) {
            assertThat(folders.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(written);
        }
        assertThat(result.out()).contains("not carried over: category 'made-up-category' is not one of the catalog's")
                .contains("not carried over: post_connection_script has no equivalent")
                .contains("not carried over: proxy.verification")
                .contains("not carried over: connection_config.region had no usable pattern")
                .contains("9 blueprints written to " + out);
        assertThat(result.err()).contains("skipped acme-instance: its base URL is entirely a connection value")
                .contains("skipped acme-oauth1: auth_mode OAUTH1 has no equivalent")
                .contains("skipped broken: token_url is missing");

        String crm = Files.readString(out.resolve("acme-crm/v0.yaml"));
        assertThat(crm).contains("token_request_auth: client_secret_basic").contains("token_request_format: json")
                .contains("pkce: false").contains("scope_separator: \",\"").contains("categories:\n  - crm\n  - marketing")
                .contains("cursor:\n    param: cursor\n    from: /meta/next").doesNotContain("accessToken").doesNotContain("grant_type");
        assertThat(Files.readString(out.resolve("acme-desk-eu/v0.yaml"))).contains("display_name: Acme Desk (EU)")
                .contains("authorization_url: \"https://{{connection.subdomain}}.acme-desk.example/oauth/authorize\"");
        assertThat(Files.readString(out.resolve("acme-callback/v0.yaml"))).contains("from: callback.realmId");
        assertThat(Files.readString(out.resolve("acme-keys/v0.yaml"))).contains("in: header\n  name: x-api-key");

        for (String name : written) {
            runsAgainstTheSandbox(out, name);
        }
    }

    @Test
    void anOpenApiDocumentBecomesASkeletonThatValidatesAndRuns() throws Exception {
        Path out = dir.resolve("openapi");
        Result result = run("import", "openapi", FIXTURES.resolve("acme-openapi.yaml").toString(), "--out", out.toString());

        assertThat(result.exit()).as(result.err()).isZero();
        String blueprint = Files.readString(out.resolve("acme-ledger/v0.yaml"));
        assertThat(blueprint).contains("base_url: \"https://{{connection.region}}.api.acme-ledger.example/v1\"")
                .contains("pattern: \"us|eu\"").contains("mode: oauth2").contains("default_scopes:\n    - ledger.read")
                .contains("remaining: X-RateLimit-Remaining").contains("# TODO:");
        runsAgainstTheSandbox(out, "acme-ledger");
    }

    @Test
    void badInputIsOneLocatedErrorAndWritesNothing() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "acme:\n  display_name: [unclosed\n");
        Result nango = run("import", "nango", broken.toString(), "--out", dir.resolve("out1").toString());
        assertThat(nango.exit()).isEqualTo(1);
        assertThat(nango.err()).startsWith(broken + ":").doesNotContain("\tat ");
        assertThat(dir.resolve("out1")).doesNotExist();

        Path notAMap = Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");
        assertThat(run("import", "nango", notAMap.toString(), "--out", dir.resolve("out2").toString()).err())
                .contains(notAMap + ":1:1").contains("expected a map of providers");

        Path notOpenApi = Files.writeString(dir.resolve("spec.yaml"), "swagger: '2.0'\ninfo: {title: Old}\n");
        Result openapi = run("import", "openapi", notOpenApi.toString(), "--out", dir.resolve("out3").toString());
        assertThat(openapi.exit()).isEqualTo(1);
        assertThat(openapi.err()).contains("not an OpenAPI 3 document");
        assertThat(dir.resolve("out3")).doesNotExist();

        Path out = Files.createDirectories(dir.resolve("taken").resolve("acme-basic"));
        Result taken = run("import", "nango", FIXTURES.resolve("nango-providers.yaml").toString(), "--out", out.getParent().toString());
        assertThat(taken.err()).contains("acme-basic exists").contains("nothing was written");
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertThat(left).hasSize(1);
        }
    }

    /** Loads the written blueprint, starts its sandbox, connects the way its auth mode connects, and calls it. */
    private static void runsAgainstTheSandbox(Path blueprints, String name) throws Exception {
        Blueprint blueprint;
        try (BlueprintEngine catalog = BlueprintEngine.builder().environment(Map.of()).blueprints(blueprints).build()) {
            blueprint = catalog.catalog().blueprint(BlueprintRef.parse(name + ":v0"));
        }
        Map<String, String> config = new HashMap<>();
        blueprint.connectionConfig().forEach((field, spec) -> {
            if (!spec.learned()) {
                config.put(field, spec.example().orElse("example"));
            }
        });
        try (Sandbox sandbox = Sandbox.of(blueprint);
             BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).blueprints(blueprints)
                     .integrations("i.yaml", sandbox.integrationsYaml("it", "")).credentialStore(new InMemoryCredentialStore()).build()) {
            Integration it = engine.integration("it");
            AuthConfig auth = blueprint.auth();
            if (auth instanceof OAuth2Config) {
                AuthorizationRequest request = it.startAuthorization("c1", URI.create("http://127.0.0.1:1/callback"), config);
                HttpResponse<Void> consent = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                        .send(HttpRequest.newBuilder(request.url()).build(), HttpResponse.BodyHandlers.discarding());
                it.completeAuthorization(URI.create(consent.headers().firstValue("location").orElseThrow()));
            } else if (auth instanceof ClientCredentialsConfig) {
                it.connectClientCredentials("c1", config);
            } else if (auth instanceof ApiKeyConfig) {
                it.saveCredentials("c1", Credentials.apiKey("k"), config);
            } else if (auth instanceof AuthConfig.Basic) {
                it.saveCredentials("c1", Credentials.basic("u", "p"), config);
            } else {
                it.saveCredentials("c1", auth instanceof AuthConfig.Bearer ? Credentials.bearer("t") : new Credentials.None(), config);
            }
            assertThat(it.client("c1").get("/").statusCode()).as(name).isEqualTo(200);
            if (blueprint.pagination().isPresent()) {
                assertThat(it.client("c1").pages("/list").count()).as(name + " pages").isPositive();
            }
        }
    }
}
