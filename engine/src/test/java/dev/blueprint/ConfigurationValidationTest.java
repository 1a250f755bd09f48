package dev.blueprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Problems in integrations.yaml and merged blueprints: each reported once, at its YAML node, with what was expected. */
class ConfigurationValidationTest {
    private static final String SECRET = "canary-secret-7f3a9";

    static List<String> problems(String yaml) {
        return problems(yaml, Map.of("OUTREACH_CLIENT_SECRET", SECRET));
    }

    static List<String> problems(String yaml, Map<String, String> env) {
        try {
            BlueprintEngine.builder().integrations("integrations.yaml", yaml).environment(env).build();
            return List.of();
        } catch (ConfigurationException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET);
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
    }

    private static String outreach(String extra) {
        return """
                integrations:
                  outreach:
                    extends_blueprint: outreach:v0
                    oauth_client_id: abc123
                    oauth_client_secret: ${OUTREACH_CLIENT_SECRET}
                """ + extra;
    }

    @Test
    void validFileHasNoProblems() {
        assertThat(problems(outreach("    oauth_scopes: [prospects.read]\n"))).isEmpty();
    }

    @Test
    void threeDistinctMistakesGiveExactlyThreeLinesAtTheirNodes() {
        String yaml = outreach("""
                    oauth_scoped: [prospects.read]
                    retry:
                      max_attempts: three
                    rate_limit:
                      max_wait: 2 minutes
                """);
        assertThat(problems(yaml)).containsExactly(
                "integrations.yaml:6:5: integrations.outreach.oauth_scoped: unknown key; did you mean 'oauth_scopes'?",
                "integrations.yaml:8:21: integrations.outreach.retry.max_attempts: expected an integer, got a string",
                "integrations.yaml:10:17: integrations.outreach.rate_limit.max_wait: must be an ISO-8601 duration such as PT30S, PT5M, PT2H or P14D");
    }

    @Test
    void unknownKeyDeepInsideAnOverrideSuggestsTheClosestKey() {
        assertThat(problems(outreach("    rate_limit:\n      reset:\n        formt: epoch_seconds\n"))).containsExactly(
                "integrations.yaml:8:9: integrations.outreach.rate_limit.reset.formt: unknown key; did you mean 'format'?");
    }

    @Test
    void unknownKeyFarFromAnyListsWhatIsAllowed() {
        assertThat(problems(outreach("    retry:\n      backoff: {zzzzzz: 1}\n"))).singleElement()
                .asString().endsWith("unknown key; expected one of initial, jitter, max, multiplier");
    }

    @Test
    void oauth2ErrorsAreReportedAgainstTheOauth2Rules() {
        String yaml = """
                integrations:
                  acme:
                    auth:
                      mode: oauth2
                      token_url: https://acme.example/token
                      scope_separater: ","
                    requests: {base_url: "https://acme.example/api"}
                """;
        assertThat(problems(yaml)).containsExactly(
                "integrations.yaml:4:7: integrations.acme.auth.authorization_url: missing required key",
                "integrations.yaml:6:7: integrations.acme.auth.scope_separater: unknown key; did you mean 'scope_separator'?");
    }

    @Test
    void apiKeyVariantHasItsOwnRules() {
        String yaml = """
                integrations:
                  acme:
                    auth: {mode: api_key, in: body, name: X-Api-Key}
                    requests: {base_url: "https://acme.example/api"}
                """;
        assertThat(problems(yaml)).containsExactly(
                "integrations.yaml:3:31: integrations.acme.auth.in: must be one of header, query");
    }

    @Test
    void unknownAuthModeListsTheModes() {
        String yaml = """
                integrations:
                  acme:
                    auth: {mode: oauth3}
                    requests: {base_url: "https://acme.example/api"}
                """;
        assertThat(problems(yaml)).containsExactly("integrations.yaml:3:18: integrations.acme.auth.mode: must be one of "
                + "oauth2, oauth2_client_credentials, api_key, basic, bearer, none");
    }

    @Test
    void listWhereAMapBelongs() {
        assertThat(problems(outreach("    retry: [max_attempts]\n"))).containsExactly(
                "integrations.yaml:6:12: integrations.outreach.retry: expected a map, got a list");
        assertThat(problems("- integrations\n")).containsExactly(
                "integrations.yaml:1:1: expected a map, got a list");
    }

    @Test
    void missingRequiredKeyPointsAtTheMapThatLacksIt() {
        assertThat(problems("integration: {}\n")).containsExactly(
                "integrations.yaml:1:1: integration: unknown key; did you mean 'integrations'?",
                "integrations.yaml:1:1: integrations: missing required key");
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        assertThat(problems(outreach("    retry: {max_attempts: 2.5, on_timeout: maybe}\n    requests: {timeout: 30}\n")))
                .containsExactly(
                        "integrations.yaml:6:27: integrations.outreach.retry.max_attempts: expected an integer, got a number",
                        "integrations.yaml:6:44: integrations.outreach.retry.on_timeout: expected a boolean, got a string",
                        "integrations.yaml:7:25: integrations.outreach.requests.timeout: "
                                + "expected an ISO-8601 duration such as PT30S, PT5M, PT2H or P14D, got an integer");
    }

    @Test
    void badDurationAndOutOfRangeDuration() {
        assertThat(problems(outreach("    requests: {timeout: PT30X}\n    rate_limit: {max_wait: P99999999999999999D}\n")))
                .containsExactly(
                        "integrations.yaml:6:25: integrations.outreach.requests.timeout: must be an ISO-8601 duration such as PT30S, PT5M, PT2H or P14D",
                        "integrations.yaml:7:28: integrations.outreach.rate_limit.max_wait: duration is out of range");
    }

    @Test
    void urlsMustBeHttpsExceptOnLoopback() {
        assertThat(problems(outreach("    requests: {base_url: \"http://api.outreach.io/api/v2\"}\n"))).containsExactly(
                "integrations.yaml:6:26: integrations.outreach.requests.base_url: "
                        + "must be an https URL (plain http only for localhost, 127.0.0.1 or [::1])");
        assertThat(problems(outreach("    requests: {base_url: \"http://127.0.0.1:8080/api\"}\n"))).isEmpty();
        assertThat(problems(outreach("    requests: {base_url: \"http://localhost.evil.com/api\"}\n"))).hasSize(1);
        assertThat(problems(outreach("    requests: {base_url: \"not a url\"}\n"))).hasSize(1);
    }

    @Test
    void unknownBlueprintSuggestsAndUnknownVersionListsVersions() {
        List<String> found = problems("integrations:\n  a: {extends_blueprint: \"outrech:v0\"}\n  b: {extends_blueprint: \"outreach:v9\"}\n");
        assertThat(found).hasSize(2);
        assertThat(found.get(0)).matches("integrations\\.yaml:2:26: integrations\\.a\\.extends_blueprint: unknown blueprint 'outrech'; "
                + "did you mean 'outreach'\\? \\(\\d+ known; run 'blueprint list'\\)");
        assertThat(found.get(1)).isEqualTo(
                "integrations.yaml:3:26: integrations.b.extends_blueprint: blueprint 'outreach' has no version v9; available: v0");
    }

    @Test
    void malformedBlueprintReferenceSaysTheExpectedForm() {
        assertThat(problems("integrations:\n  a: {extends_blueprint: outreach}\n")).containsExactly(
                "integrations.yaml:2:26: integrations.a.extends_blueprint: must be a blueprint reference NAME:vN such as outreach:v0");
    }

    @Test
    void missingEnvironmentVariableIsNamedWithItsPosition() {
        assertThat(problems(outreach(""), Map.of())).containsExactly(
                "integrations.yaml:5:26: integrations.outreach.oauth_client_secret: environment variable OUTREACH_CLIENT_SECRET is not set");
    }

    @Test
    void everyProblemOfEveryIntegrationIsReported() {
        String yaml = """
                integrations:
                  one: {extends_blueprint: "outreach:v0", retry: {max_attempts: 0}, oauth_client_id: c}
                  two: {extends_blueprint: "outreach:v0", oauth_scopes: "prospects.read", oauth_client_id: c}
                  Three: {extends_blueprint: "outreach:v0", oauth_client_id: c}
                """;
        assertThat(problems(yaml)).containsExactly(
                "integrations.yaml:2:65: integrations.one.retry.max_attempts: must be at least 1",
                "integrations.yaml:3:57: integrations.two.oauth_scopes: expected a list, got a string",
                "integrations.yaml:4:3: integrations.Three: invalid key; expected a lowercase integration name of letters, digits, '-' and '_'");
    }

    @Test
    void anOAuthIntegrationWithoutAClientIdIsAProblemAtItsLine() {
        String yaml = """
                integrations:
                  outreach:
                    extends_blueprint: outreach:v0
                    oauth_client_secret: ${OUTREACH_CLIENT_SECRET}
                  stripe:
                    extends_blueprint: stripe:v0
                """;
        assertThat(problems(yaml)).containsExactly("integrations.yaml:3:5: integrations.outreach.oauth_client_id: missing: "
                + "auth mode oauth2 needs the client id the provider issued for your app");
    }

    @Test
    void templateVariablesMustBeDeclared() {
        String yaml = """
                integrations:
                  desk:
                    auth: {mode: basic}
                    connection_config:
                      subdomain: {pattern: "[a-z0-9-]+"}
                    requests:
                      base_url: "https://{{connection.subdomian}}.desk.example/api"
                      headers: {X-Trace: "{{trace_id}}"}
                """;
        assertThat(problems(yaml)).containsExactly(
                "integrations.yaml:7:17: integrations.desk.requests.base_url: unknown template variable 'connection.subdomian'; "
                        + "did you mean 'connection.subdomain'?",
                "integrations.yaml:8:26: integrations.desk.requests.headers.X-Trace: unknown template variable 'trace_id'; "
                        + "expected one of access_token, api_key, client_id, connection.subdomain, password, username");
    }

    @Test
    void oauthUrlsAndAuthorizationParamsMayHoldConnectionValuesUnderBaseUrlRules() {
        String yaml = """
                integrations:
                  desk:
                    oauth_client_id: abc
                    connection_config:
                      sub: {pattern: "[a-z]+"}
                      region: {pattern: "com|eu"}
                    auth:
                      mode: oauth2
                      authorization_url: "https://{{connection.sub}}.desk.example/oauth/authorize"
                      token_url: "https://auth.desk.{{connection.region}}/oauth/token"
                      authorization_params: {audience: "https://{{connection.sub}}.desk.example/api"}
                    requests: {base_url: "https://{{connection.sub}}.desk.example"}
                """;
        assertThat(problems(yaml)).isEmpty();
    }

    @Test
    void anOauthHostThatAValueCouldMoveIsRefusedWithItsPosition() {
        String yaml = """
                integrations:
                  desk:
                    oauth_client_id: abc
                    connection_config:
                      host: {pattern: "[a-z.]+"}
                    auth: {mode: oauth2, authorization_url: "https://desk.example/a", token_url: "https://{{connection.host}}/t"}
                    requests: {base_url: "https://desk.example"}
                """;
        assertThat(problems(yaml)).singleElement().asString()
                .startsWith("integrations.yaml:6:82: integrations.desk.auth.token_url: the host must end with the API's own domain");
    }

    @Test
    void valuesLearnedLaterThanATemplateIsRenderedCannotBeUsedInIt() {
        String yaml = """
                integrations:
                  desk:
                    oauth_client_id: abc
                    connection_config:
                      instance: {pattern: "[a-z]+", from: token_response.instance}
                      realm: {pattern: "[0-9]+", from: callback.realmId}
                    auth:
                      mode: oauth2
                      authorization_url: "https://desk.example/a?realm={{connection.realm}}"
                      token_url: "https://{{connection.instance}}.desk.example/t"
                      authorization_params: {key: "{{access_token}}"}
                      token_params: {realm: "{{connection.realm}}", instance: "{{connection.instance}}"}
                    requests: {base_url: "https://{{connection.instance}}.desk.example/{{connection.realm}}"}
                """;
        assertThat(problems(yaml)).containsExactlyInAnyOrder(
                "integrations.yaml:9:26: integrations.desk.auth.authorization_url: '{{connection.realm}}' cannot be used here: "
                        + "auth.authorization_url and authorization_params may use the connection_config values given when connecting, "
                        + "not those learned while connecting nor request variables",
                "integrations.yaml:10:18: integrations.desk.auth.token_url: '{{connection.instance}}' cannot be used here: "
                        + "auth.token_url and token_params may use connection_config values given when connecting or learned from the callback, "
                        + "not those learned from the token response nor request variables",
                "integrations.yaml:11:35: integrations.desk.auth.authorization_params.key: '{{access_token}}' cannot be used here: "
                        + "auth.authorization_url and authorization_params may use the connection_config values given when connecting, "
                        + "not those learned while connecting nor request variables",
                "integrations.yaml:12:63: integrations.desk.auth.token_params.instance: '{{connection.instance}}' cannot be used here: "
                        + "auth.token_url and token_params may use connection_config values given when connecting or learned from the callback, "
                        + "not those learned from the token response nor request variables");
    }

    @Test
    void valuesAreLearnedOnlyWhereTheAuthModeHasACallbackOrATokenResponse() {
        String yaml = """
                integrations:
                  desk:
                    connection_config:
                      realm: {pattern: "[0-9]+", from: callback.realmId}
                      shape: {pattern: "[a-z]+", extract: "https://{value}.desk.example"}
                    auth: {mode: api_key, in: header, name: X-Key}
                    requests: {base_url: "https://desk.example/{{connection.realm}}"}
                """;
        assertThat(problems(yaml)).hasSize(2).anySatisfy(problem -> assertThat(problem).startsWith(
                "integrations.yaml:4:40: integrations.desk.connection_config.realm.from: auth.mode api_key has no OAuth callback"))
                .anySatisfy(problem -> assertThat(problem).contains("connection_config.shape").contains("from"));
    }

    @Test
    void connectionPatternsMustCompile() {
        String yaml = """
                integrations:
                  desk:
                    auth: {mode: basic}
                    connection_config:
                      subdomain: {pattern: "[a-z"}
                    requests: {base_url: "https://{{connection.subdomain}}.desk.example"}
                """;
        assertThat(problems(yaml)).singleElement().asString()
                .startsWith("integrations.yaml:5:28: integrations.desk.connection_config.subdomain.pattern: not a valid regular expression");
    }

    @Test
    void inlineIntegrationWithoutExtendsWorks() {
        BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).integrations("integrations.yaml", """
                integrations:
                  acme:
                    auth: {mode: api_key, in: header, name: X-Api-Key}
                    requests: {base_url: "https://acme.example/api"}
                """).build();
        assertThat(engine.integration("acme").blueprint().ref()).hasToString("acme:v0");
        assertThat(engine.integration("acme").blueprint().displayName()).isEqualTo("acme");
        assertThat(engine.integration("acme").config().extendsBlueprint()).isEmpty();
    }

    @Test
    void mergeAppliesOverridesAndRemovals() {
        BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of("OUTREACH_CLIENT_SECRET", SECRET))
                .integrations("integrations.yaml", outreach("""
                            oauth_scopes: [prospects.read, accounts.read]
                            retry: {max_attempts: 2, on_status: [503]}
                            rate_limit: {reset: null}
                        """)).build();
        var config = engine.integration("outreach").config();
        assertThat(config.blueprint().retry().maxAttempts()).isEqualTo(2);
        assertThat(config.blueprint().retry().onStatus()).containsExactly(503);
        assertThat(config.blueprint().retry().onTimeout()).isTrue();
        assertThat(config.blueprint().rateLimit().reset()).isEmpty();
        assertThat(config.blueprint().rateLimit().remaining()).contains("x-ratelimit-remaining");
        assertThat(config.oauthScopes()).containsExactly("prospects.read", "accounts.read");
        assertThat(config.oauthClientSecret().orElseThrow().reveal()).isEqualTo(SECRET);
        assertThat(config.toString()).doesNotContain(SECRET);
    }

    @Test
    void unknownIntegrationSuggestsAndLists() {
        BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of("OUTREACH_CLIENT_SECRET", SECRET))
                .integrations("integrations.yaml", outreach("")).build();
        assertThatThrownBy(() -> engine.integration("outreech"))
                .isInstanceOf(UnknownIntegrationException.class)
                .hasMessage("[unknown_integration] no integration named 'outreech'; did you mean 'outreach'?; defined: outreach");
    }

    @Test
    void missingIntegrationsFileIsOneProblem() {
        assertThatThrownBy(() -> BlueprintEngine.builder().integrations(java.nio.file.Path.of("does-not-exist.yaml")).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("[configuration] 1 problem:\ndoes-not-exist.yaml:1:1: file not found");
    }
}
