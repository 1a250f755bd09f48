package dev.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.store.InMemoryCredentialStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where credentials may go, decided at load: a host that ends with a value must be pinned (a literal domain after it,
 * or a field that lists every value), and an override that moves a catalog blueprint's hosts is allowed but said.
 */
class HostSafetyTest {
    private static List<String> problems(String yaml) {
        return ConfigurationValidationTest.problems(yaml, Map.of());
    }

    private static String inline(String baseUrl, String connectionConfig) {
        return """
                integrations:
                  x:
                    auth: {mode: api_key, in: header, name: X-Key}
                    connection_config: %s
                    requests: {base_url: "%s"}
                """.formatted(connectionConfig, baseUrl);
    }

    @Test
    void aHostThatEndsWithAFreeValueIsRefusedWithItsLine() {
        for (String baseUrl : List.of("https://www.zohoapis.{{connection.region}}/crm", "https://{{connection.region}}",
                "https://{{connection.region}}.com/api", "https://{{connection.region}}zendesk.com/api")) {
            assertThat(problems(inline(baseUrl, "{region: {pattern: \"[a-z.]+\", example: com}}"))).as(baseUrl)
                    .singleElement().asString()
                    .startsWith("integrations.yaml:5:26: integrations.x.requests.base_url: the host must end with the API's own domain");
        }
    }

    @Test
    void aHostThatEndsWithAnEnumeratedValueOrALiteralDomainIsFine() {
        assertThat(problems(inline("https://www.zohoapis.{{connection.region}}/crm",
                "{region: {pattern: \"com|eu|com\\\\.au\", example: com}}"))).isEmpty();
        assertThat(problems(inline("https://{{connection.sub}}.zendesk.com/api", "{sub: {pattern: \"[a-z]+\", example: acme}}"))).isEmpty();
        assertThat(problems(inline("https://{{connection.sub}}.api.example.co.uk:8443/v1", "{sub: {pattern: \"[a-z]+\", example: a}}"))).isEmpty();
    }

    @Test
    void loosenedPatternOfTheCatalogsZohoIsRefused() {
        String yaml = """
                integrations:
                  zoho:
                    extends_blueprint: zohocrm-token:v0
                    connection_config:
                      region: {pattern: "[a-z.]+"}
                """;
        // Reported where the mistake is: the override that loosened the pattern, not the blueprint's base_url.
        assertThat(problems(yaml)).singleElement().asString().startsWith(
                "integrations.yaml:5:25: integrations.zoho.connection_config.region.pattern: must list every value");
    }

    @Test
    void theCatalogsZohoSendsOnlyToItsDataCentres() {
        String yaml = "integrations:\n  zoho:\n    extends_blueprint: zohocrm-token:v0\n";
        try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).integrations("i.yaml", yaml)
                .credentialStore(new InMemoryCredentialStore()).build()) {
            Integration zoho = engine.integration("zoho");
            // The pattern refuses the value before the pin is reached; the pin holds the rendered host to the list.
            assertThatThrownBy(() -> zoho.saveCredentials("c1", Credentials.apiKey("k"), Map.of("region", "evil.example")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must match");
        }
    }

    @Test
    void movingACatalogBlueprintsHostsIsAllowedAndSaidWithTheLine() {
        String yaml = """
                integrations:
                  outreach:
                    extends_blueprint: outreach:v0
                    oauth_client_id: abc
                    auth: {token_url: "https://tokens.example.net/oauth/token"}
                    requests: {base_url: "https://proxy.example.net/outreach"}
                """;
        try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).integrations("integrations.yaml", yaml)
                .credentialStore(new InMemoryCredentialStore()).build()) {
            assertThat(engine.warnings()).extracting(ConfigProblem::toString).containsExactly(
                    "integrations.yaml:5:23: integrations.outreach.auth.token_url: moves outreach:v0's token_url from api.outreach.io"
                            + " to tokens.example.net: the client secret and tokens go there",
                    "integrations.yaml:6:26: integrations.outreach.requests.base_url: moves outreach:v0's base_url from api.outreach.io"
                            + " to proxy.example.net: its API requests and their credentials go there");
        }
        String same = "integrations:\n  outreach:\n    extends_blueprint: outreach:v0\n    oauth_client_id: abc\n"
                + "    requests: {base_url: \"https://api.outreach.io/api/v3\"}\n";
        try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).integrations("i.yaml", same)
                .credentialStore(new InMemoryCredentialStore()).build()) {
            assertThat(engine.warnings()).as("the same host, another path").isEmpty();
        }
    }
}
