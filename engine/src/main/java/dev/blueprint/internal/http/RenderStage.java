package dev.blueprint.internal.http;

import dev.blueprint.MissingCredentialsException;
import dev.blueprint.internal.auth.CredentialValues;
import dev.blueprint.internal.template.Template;
import dev.blueprint.internal.url.DotSegments;
import dev.blueprint.internal.url.Origins;
import dev.blueprint.internal.url.UrlTemplate;
import dev.blueprint.model.ConnectionField;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** Builds the absolute URI, query and default headers from the blueprint's precompiled templates. */
final class RenderStage implements Stage {

    private final String integration;
    private final RequestTemplate template;
    private final CredentialValues credentialValues;

    RenderStage(String integration, RequestTemplate template, CredentialValues credentialValues) {
        this.integration = integration;
        this.template = template;
        this.credentialValues = credentialValues;
    }

    @Override
    public <T> CompletableFuture<Outcome<T>> handle(Call<T> call, Exchange exchange, Chain next) {
        Map<String, String> values = template.usesVariables() ? templateValues(call) : Map.of();
        // A constant base URL was rendered, trimmed and checked once, when the template was compiled.
        String base = template.constantBase() != null ? template.constantBase() : trimEnd(render(call, template.baseUrl(), values, UrlTemplate::encode));
        StringBuilder url = new StringBuilder(base.length() + exchange.path().length() + 64).append(base).append('/');
        StringBuilder query = new StringBuilder();
        java.util.Set<String> given = exchange.nextPage() ? new java.util.HashSet<>() : java.util.Set.of();
        if (exchange.nextPage()) {
            URI nextPage = URI.create(exchange.path());
            url.append(relativePath(pathUnderBase(nextPage, URI.create(base))));
            if (nextPage.getRawQuery() != null) {
                query.append(nextPage.getRawQuery()); // as the API wrote it: re-encoding could change what it means
                for (String pair : nextPage.getRawQuery().split("&")) {
                    given.add(pair.split("=", 2)[0]);
                }
            }
        } else {
            url.append(relativePath(exchange.path()));
        }
        template.query().forEach((name, parameter) -> {
            if (given.isEmpty() || !given.contains(UrlTemplate.encode(name))) {
                appendParam(query, name, render(call, parameter, values, v -> v));
            }
        });
        exchange.query().forEach(param -> appendParam(query, param.getKey(), param.getValue()));
        if (query.length() > 0) {
            url.append(url.indexOf("?") < 0 ? '?' : '&').append(query);
        }
        URI uri = URI.create(url.toString());
        if (template.hostVaries()) {
            template.hostPin().check(uri);
        }
        if (template.constantBase() == null && DotSegments.in(URI.create(base).getRawPath())) {
            throw new IllegalArgumentException("the rendered base_url has a '.' or '..' path segment; check the connection_config values");
        }
        if (template.constantHeaders() != null) {
            return next.proceed(call, exchange.rendered(uri, template.constantHeaders()));
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>(template.headers().size());
        for (Map.Entry<String, Template> header : template.headers().entrySet()) {
            String value = render(call, header.getValue(), values, v -> v);
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + header.getKey() + " would contain a line break");
            }
            headers.add(Map.entry(header.getKey(), value));
        }
        return next.proceed(call, exchange.rendered(uri, headers));
    }

    /** Connection config values (checked against their patterns) and credential values, by template name. */
    private Map<String, String> templateValues(Call<?> call) {
        Map<String, String> values = new HashMap<>(credentialValues.templateValues(call.connection()));
        Map<String, String> config = call.connection().map(c -> c.config()).orElse(Map.of());
        config.forEach((name, value) -> {
            ConnectionField field = template.fields().get(name);
            if (field != null && !field.accepts(value)) {
                throw new MissingCredentialsException(integration, call.connectionId(),
                        "has a value for connection_config." + name + " that does not match its pattern " + field.pattern());
            }
            values.put("connection." + name, value);
        });
        return values;
    }

    private String render(Call<?> call, Template template, Map<String, String> values, UnaryOperator<String> encode) {
        try {
            return template.render(values, encode);
        } catch (Template.MissingVariableException e) {
            String what = e.variable().startsWith("connection.")
                    ? "has no value for " + e.variable().replace("connection.", "connection_config.") + learnedWhere(e.variable())
                    : "has no " + e.variable() + " for the blueprint's templates";
            throw new MissingCredentialsException(integration, call.connectionId(), what);
        }
    }

    /** For a value learned while connecting: where from, and that connecting is the cure. */
    private String learnedWhere(String variable) {
        ConnectionField field = template.fields().get(variable.substring("connection.".length()));
        return field == null ? "" : field.source().map(source -> ", which is learned from " + source.from()
                + " when connecting; connect it first").orElse("");
    }

    /**
     * The part of an API-given next-page URL below the base URL; refused when it is on another origin or outside the
     * base path (the URL is the provider's words: it is not quoted, only its origin).
     */
    private static String pathUnderBase(URI next, URI base) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        String path = next.getRawPath() == null ? "" : next.getRawPath();
        if (!Origins.same(next, base) || next.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the API's next page is on another origin (" + Origins.scheme(next) + "://"
                    + Origins.host(next) + "), not the integration's; it is not followed");
        }
        if (!path.equals(basePath) && !path.startsWith(basePath + "/")) {
            throw new IllegalArgumentException("the API's next page lies outside the integration's base_url path; it is not followed");
        }
        return path.substring(basePath.length());
    }

    private static String relativePath(String path) {
        if (absolute(path)) {
            throw new IllegalArgumentException("path must be relative to the integration's base_url, got an absolute URL");
        }
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (DotSegments.climbs(trimmed)) {
            throw new IllegalArgumentException("path must not climb above the base_url with '..' (plain or percent-encoded)");
        }
        return trimmed;
    }

    /** A scheme ("https:") or a network path ("//host", "\\host"), checked without a regular expression. */
    static boolean absolute(String path) {
        if (path.startsWith("//") || path.startsWith("\\")) {
            return true;
        }
        if (path.isEmpty() || !isLetter(path.charAt(0))) {
            return false;
        }
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ':') {
                return true;
            }
            if (!(isLetter(c) || c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-')) {
                return false;
            }
        }
        return false;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static void appendParam(StringBuilder query, String name, String value) {
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(UrlTemplate.encode(name)).append('=').append(UrlTemplate.encode(value));
    }

    private static String trimEnd(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
