package dev.blueprint.internal.http;

import dev.blueprint.internal.template.Template;
import dev.blueprint.internal.url.HostPin;
import dev.blueprint.model.ConnectionField;
import dev.blueprint.model.RequestsConfig;
import java.util.LinkedHashMap;
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

    public RequestTemplate(RequestsConfig requests, Map<String, ConnectionField> fields) {
        this.baseUrl = Template.compile(requests.baseUrl());
        this.hostPin = HostPin.of(requests.baseUrl(), fields);
        requests.headers().forEach((name, value) -> headers.put(name, Template.compile(value)));
        requests.query().forEach((name, value) -> query.put(name, Template.compile(value)));
        this.fields = Map.copyOf(fields);
        this.usesVariables = !baseUrl.variables().isEmpty()
                || headers.values().stream().anyMatch(t -> !t.variables().isEmpty())
                || query.values().stream().anyMatch(t -> !t.variables().isEmpty());
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
