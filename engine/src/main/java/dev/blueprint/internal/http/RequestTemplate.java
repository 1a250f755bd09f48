package dev.blueprint.internal.http;

import dev.blueprint.internal.template.Template;
import dev.blueprint.internal.url.DotSegments;
import dev.blueprint.internal.url.HostPin;
import dev.blueprint.model.ConnectionField;
import dev.blueprint.model.RequestsConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An integration's requests as the blueprint templates them, compiled once: the base URL with its host pin, default
 * headers and query parameters, and the connection_config fields whose values the templates may use.
 */
public final class RequestTemplate {
    private final Template baseUrl;
    private final HostPin hostPin;
    private final Map<String, Template> headers = new LinkedHashMap<>();
    private final Map<String, Template> query = new LinkedHashMap<>();
    private final Map<String, ConnectionField> fields;
    private final boolean usesVariables;
    private final String constantBase; // rendered, trimmed and checked once; null when it holds values
    private final List<Map.Entry<String, String>> constantHeaders; // null when a header holds values

    public RequestTemplate(RequestsConfig requests, Map<String, ConnectionField> fields) {
        this.baseUrl = Template.compile(requests.baseUrl());
        this.hostPin = HostPin.of(requests.baseUrl(), fields);
        requests.headers().forEach((name, value) -> headers.put(name, Template.compile(value)));
        requests.query().forEach((name, value) -> query.put(name, Template.compile(value)));
        this.fields = Map.copyOf(fields);
        this.usesVariables = !baseUrl.variables().isEmpty()
                || headers.values().stream().anyMatch(t -> !t.variables().isEmpty())
                || query.values().stream().anyMatch(t -> !t.variables().isEmpty());
        String base = requests.baseUrl();
        this.constantBase = baseUrl.variables().isEmpty() && !DotSegments.in(URI.create(base).getRawPath())
                ? (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) : null;
        // A value with a line break takes the per-request path, whose error names the header and not its value.
        this.constantHeaders = headers.values().stream().allMatch(t -> t.variables().isEmpty())
                && requests.headers().values().stream().noneMatch(v -> v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0)
                ? requests.headers().entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList() : null;
    }

    /** The base URL without a trailing '/', when it holds no values: computed once. */
    String constantBase() {
        return constantBase;
    }

    /** The default headers, when none holds a value: the list every request adds. */
    List<Map.Entry<String, String>> constantHeaders() {
        return constantHeaders;
    }

    Template baseUrl() {
        return baseUrl;
    }

    /** Whether the base URL depends on the connection: its host must then be checked against the pin. */
    boolean hostVaries() {
        return !baseUrl.variables().isEmpty();
    }

    HostPin hostPin() {
        return hostPin;
    }

    Map<String, Template> headers() {
        return headers;
    }

    Map<String, Template> query() {
        return query;
    }

    Map<String, ConnectionField> fields() {
        return fields;
    }

    /** Whether any template needs per-connection values; most blueprints' templates are constant. */
    boolean usesVariables() {
        return usesVariables;
    }
}
