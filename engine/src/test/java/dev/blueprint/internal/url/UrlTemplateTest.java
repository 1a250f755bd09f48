package dev.blueprint.internal.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.model.ConnectionField;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OAuth URLs rendered per connection under base_url's rules, against values chosen to move the request elsewhere. */
class UrlTemplateTest {
    private static Map<String, ConnectionField> field(String name, String pattern) {
        return Map.of(name, new ConnectionField(name, Pattern.compile(pattern), Optional.empty(), Optional.of("acme")));
    }

    private static final UrlTemplate STRICT = new UrlTemplate("auth.token_url",
            "https://{{connection.sub}}.desk.example/oauth/tokens", field("sub", "[a-z0-9][a-z0-9-]{0,62}"));
    /** A pattern loosened by an override: the host pin alone must hold. */
    private static final UrlTemplate LOOSE = new UrlTemplate("auth.token_url",
            "https://{{connection.sub}}.desk.example/oauth/tokens", field("sub", "(?s).+"));

    @Test
    void aGoodValueRendersIntoTheHost() {
        assertThat(STRICT.render(Map.of("sub", "acme"))).isEqualTo(URI.create("https://acme.desk.example/oauth/tokens"));
        assertThat(STRICT.varies()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.com/", "evil.com#", "evil.com?", "a@b", "user:pw@evil.com", "..", ".", "%2e", "%2e%2e", "a\nb",
            "a\r\nHost: evil.com", "EVIL.COM", "evil.com:443", "evil.com\\", "[::1]", "évil", " acme", ""})
    void hostileValuesAreRefusedByThePatternNamingTheFieldNotTheValue(String value) {
        assertThatThrownBy(() -> STRICT.render(Map.of("sub", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connection_config.sub must match")
                .hasMessageContaining("auth.token_url")
                .satisfies(e -> {
                    if (value.length() >= 4) {
                        assertThat(e.getMessage()).as("the value is not echoed").doesNotContain(value);
                    }
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.com/", "evil.com#", "evil.com?x=", "a@b", "user:pw@evil.com", "..", ".", "%2e", "a\nb", "EVIL.COM.",
            "evil.com:443/", "evil.com\\", "évil", "a b", "x.evil.com/.desk.example"})
    void withALoosePatternTheHostPinStillRefusesThem(String value) {
        assertThatThrownBy(() -> LOOSE.render(Map.of("sub", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auth.token_url");
    }

    @Test
    void aDotSegmentInThePathIsRefused() {
        UrlTemplate inPath = new UrlTemplate("auth.token_url", "https://auth.desk.example/{{connection.tenant}}/token",
                field("tenant", "(?s).+"));
        assertThat(inPath.render(Map.of("tenant", "a/b"))).isEqualTo(URI.create("https://auth.desk.example/a%2Fb/token"));
        for (String value : new String[]{"..", "."}) {
            assertThatThrownBy(() -> inPath.render(Map.of("tenant", value))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aMissingValueNamesTheFieldAndItsExample() {
        assertThatThrownBy(() -> STRICT.render(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auth.token_url needs connection_config.sub (for example acme)");
    }

    @Test
    void anEnumeratedHostAcceptsOnlyItsValues() {
        UrlTemplate zoho = new UrlTemplate("auth.token_url", "https://accounts.zoho.{{connection.dc}}/oauth/v2/token",
                field("dc", "com|eu|com\\.au"));
        assertThat(zoho.render(Map.of("dc", "com.au")).getHost()).isEqualTo("accounts.zoho.com.au");
        assertThatThrownBy(() -> zoho.render(Map.of("dc", "evil.com"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUrlWithoutValuesRendersToItself() {
        UrlTemplate fixed = new UrlTemplate("auth.token_url", "https://login.example.com/token", Map.of());
        assertThat(fixed.varies()).isFalse();
        assertThat(fixed.render(Map.of("anything", "x"))).isEqualTo(URI.create("https://login.example.com/token"));
    }
}
