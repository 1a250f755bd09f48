package dev.blueprint.internal.url;

import dev.blueprint.internal.template.Template;
import dev.blueprint.model.ConnectionField;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A URL of the blueprint that may hold connection_config values ({@code https://{{connection.subdomain}}.zendesk.com/oauth/tokens}),
 * compiled once and rendered per connection under base_url's rules: every value declared and matching its pattern
 * in full, percent-encoded, the host pinned to the template's literal domain ({@link HostPin}), no dot segments.
 * A URL without values renders to itself.
 */
public final class UrlTemplate {
    private final String key;
    private final String text;
    private final Template template;
    private final HostPin pin;
    private final Map<String, ConnectionField> fields;

    /** @param key the blueprint key it comes from ({@code auth.token_url}), named in errors */
    public UrlTemplate(String key, String text, Map<String, ConnectionField> fields) {
        this.key = key;
        this.text = text;
        this.template = Template.compile(text);
        this.pin = HostPin.of(text, fields);
        this.fields = Map.copyOf(fields);
    }

    /**
     * The URL for a connection with these connection_config values.
     *
     * @throws IllegalArgumentException naming the field that is missing or refused, or saying the URL left its host
     */
    public URI render(Map<String, String> connectionConfig) {
        if (template.variables().isEmpty()) {
            return URI.create(text);
        }
        String rendered = template.render(ConnectionValues.of(key, template.variables(), fields, connectionConfig), UrlTemplate::encode);
        URI uri;
        try {
            uri = new URI(rendered);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the rendered " + key + " is not a valid URL; check the connection_config values");
        }
        pin.check(uri, key);
        if (DotSegments.in(uri.getRawPath())) {
            throw new IllegalArgumentException("the rendered " + key + " has a '.' or '..' path segment; check the connection_config values");
        }
        return uri;
    }

    /** Whether the URL depends on connection_config values. */
    public boolean varies() {
        return !template.variables().isEmpty();
    }

    /** The template as the blueprint writes it; holds no secret. */
    public String text() {
        return text;
    }

    /** Percent-encodes a value for a URL path segment, host label or query (spaces as %20, never '+'). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return key + "=" + text;
    }
}
