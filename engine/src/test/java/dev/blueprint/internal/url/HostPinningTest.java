package dev.blueprint.internal.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The last line against SSRF: rendered URLs keep the blueprint's scheme, host and port; redirects are vetted. */
class HostPinningTest {
    private static final HostPin ZENDESK = HostPin.of("https://{{connection.subdomain}}.zendesk.com/api/v2");

    @Test
    void aTemplatedHostKeepsItsLiteralSuffix() {
        assertThatCode(() -> ZENDESK.check(URI.create("https://acme.zendesk.com/api/v2/tickets"))).doesNotThrowAnyException();
        for (String escaped : new String[] {
                "https://evil.com/api/v2/tickets",                 // another host
                "https://evil.com#.zendesk.com/api/v2",            // fragment trick
                "https://acme.zendesk.com.evil.com/api/v2",        // suffix moved
                "http://acme.zendesk.com/api/v2",                  // downgraded scheme
                "https://acme.zendesk.com:8443/api/v2",            // another port
                "https://user@acme.zendesk.com/api/v2",            // credentials in the authority
                "https://.zendesk.com/api/v2",                     // empty label
        }) {
            assertThatThrownBy(() -> ZENDESK.check(URI.create(escaped))).as(escaped)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("left the blueprint's host");
        }
    }

    @Test
    void aHostEndingWithAnEnumeratedValueIsPinnedToItsList() {
        var region = new dev.blueprint.model.ConnectionField("region", java.util.regex.Pattern.compile("com|eu|com\\.au"),
                java.util.Optional.empty(), java.util.Optional.empty());
        HostPin zoho = HostPin.of("https://www.zohoapis.{{connection.region}}/crm/v8", java.util.Map.of("region", region));
        for (String ok : new String[] {"https://www.zohoapis.com/crm/v8", "https://www.zohoapis.com.au/crm/v8"}) {
            assertThatCode(() -> zoho.check(URI.create(ok))).as(ok).doesNotThrowAnyException();
        }
        for (String escaped : new String[] {"https://www.zohoapis.evil.example/crm/v8", "https://www.zohoapis.com.evil.io/crm/v8",
                "https://www.zohoapis.co/crm/v8"}) {
            assertThatThrownBy(() -> zoho.check(URI.create(escaped))).as(escaped).isInstanceOf(IllegalArgumentException.class);
        }
        // Without a field that lists its values, a host ending with a value pins to nothing at all.
        HostPin loose = HostPin.of("https://www.zohoapis.{{connection.region}}/crm/v8");
        assertThatThrownBy(() -> loose.check(URI.create("https://www.zohoapis.com/crm/v8"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLiteralHostMustMatchExactly() {
        HostPin github = HostPin.of("https://api.github.com");
        assertThatCode(() -> github.check(URI.create("https://api.github.com/repos"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> github.check(URI.create("https://api.github.com.evil.io/repos")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void originsCompareSchemeHostAndEffectivePort() {
        assertThat(Origins.same(URI.create("https://API.example.com/a"), URI.create("https://api.example.com:443/b"))).isTrue();
        assertThat(Origins.same(URI.create("https://api.example.com"), URI.create("http://api.example.com"))).isFalse();
        assertThat(Origins.loopback(URI.create("http://[::1]:80/"))).isTrue();
        assertThat(Origins.loopback(URI.create("http://127.0.0.1.nip.io/"))).isFalse();
    }
}
