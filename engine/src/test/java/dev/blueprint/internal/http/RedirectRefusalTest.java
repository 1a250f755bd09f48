package dev.blueprint.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which redirects the engine refuses to follow, decided from the two URLs, the method and the status. */
class RedirectRefusalTest {
    @Test
    void redirectsNeverDowngradeToPlainHttpExceptOnLoopback() {
        URI from = URI.create("https://api.example.com/v1/files/1");
        assertThat(RedirectStage.refusal(from, URI.create("http://cdn.example.net/f"), "GET", 302, true))
                .isEqualTo("a redirect from https to plain http");
        assertThat(RedirectStage.refusal(from, URI.create("http://127.0.0.1:8080/f"), "GET", 302, true)).isNull();
        assertThat(RedirectStage.refusal(from, URI.create("https://cdn.example.net/f"), "GET", 302, true)).isNull();
    }

    @Test
    void bodiesAreNeverRedirectedToAnotherOrigin() {
        URI from = URI.create("https://api.example.com/v1/items");
        assertThat(RedirectStage.refusal(from, URI.create("https://other.example.net/x"), "PUT", 308, true)).isNotNull();
        assertThat(RedirectStage.refusal(from, URI.create("https://api.example.com/v2/items"), "PUT", 308, false)).isNull();
        assertThat(RedirectStage.refusal(from, URI.create("https://other.example.net/x"), "POST", 303, true)).isNull();
    }
}
