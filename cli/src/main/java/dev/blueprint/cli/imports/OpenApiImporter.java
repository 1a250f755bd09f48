package dev.blueprint.cli.imports;

import dev.blueprint.YamlFiles;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.servers.ServerVariable;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A blueprint skeleton from an OpenAPI 3 document, read by the swagger-parser project's parser without resolving any
 * remote reference (a spec cannot make the importer fetch URLs): the first absolute server becomes base_url (its
 * variables connection_config fields, an enum their exact list), the security scheme the API asks for becomes the
 * auth mode, rate-limit headers its responses declare are read; what a person must decide is marked TODO.
 */
final class OpenApiImporter {
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_-]+)}");
    private static final String DEFAULT_PATTERN = "[a-z0-9][a-z0-9-]{0,62}";

    private OpenApiImporter() {
    }

    /** @throws dev.blueprint.ConfigurationException for a file that is not YAML or JSON, at its line and column */
    static Imported convert(Path file, String givenName) {
        byte[] bytes = ImportCommand.read(file);
        YamlFiles.read(file.toString(), bytes); // syntax errors with file:line:col, before the parser's own words
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        options.setResolveFully(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(new String(bytes, StandardCharsets.UTF_8), null, options);
        OpenAPI api = result.getOpenAPI();
        if (api == null || api.getOpenapi() == null || !api.getOpenapi().startsWith("3.")) {
            List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
            throw new IllegalArgumentException(file + ": not an OpenAPI 3 document"
                    + (messages.isEmpty() ? "" : ": " + String.join("; ", messages.subList(0, Math.min(3, messages.size())))));
        }
        String title = api.getInfo() == null || api.getInfo().getTitle() == null ? "api" : api.getInfo().getTitle();
        String name = givenName != null ? givenName : slug(title);
        if (!name.matches("[a-z][a-z0-9_-]{0,62}")) {
            throw new IllegalArgumentException("--name must be lowercase letters, digits, '-' and '_', starting with a letter; got " + name);
        }
        List<String> notes = new ArrayList<>();
        if (result.getMessages() != null) {
            result.getMessages().stream().limit(5).forEach(message -> notes.add("the parser says: " + message));
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", name);
        tree.put("version", "v0");
        tree.put("display_name", title);
        if (api.getExternalDocs() != null && api.getExternalDocs().getUrl() != null && api.getExternalDocs().getUrl().startsWith("https://")) {
            tree.put("docs_url", api.getExternalDocs().getUrl());
        }
        Server server = Optional.ofNullable(api.getServers()).orElse(List.of()).stream()
                .filter(s -> s.getUrl() != null && s.getUrl().matches("https://.+|http://(localhost|127\\.0\\.0\\.1)(:\\d+)?(/.*)?"))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(file + ": servers names no absolute https URL; "
                        + "the blueprint needs one as its base_url (add it to the spec's servers)"));
        Map<String, Object> fields = new LinkedHashMap<>();
        String baseUrl = baseUrl(server, fields);
        if (!fields.isEmpty()) {
            tree.put("connection_config", fields);
        }
        tree.put("auth", auth(api, notes));
        tree.put("requests", NangoImporter.ordered("base_url", baseUrl, "headers", NangoImporter.ordered("Accept", "application/json"),
                "timeout", "PT30S", "connect_timeout", "PT10S"));
        tree.put("rate_limit", rateLimit(api));
        tree.put("retry", NangoImporter.ordered("max_attempts", 3, "on_status", List.of(500, 502, 503, 504),
                "methods", List.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE"), "max_elapsed", "PT2M"));
        List<String> header = List.of(title + ", a skeleton made from " + file.getFileName() + " (OpenAPI " + api.getOpenapi()
                        + ") by `blueprint import openapi`.",
                "TODO: check auth and base_url against the provider's documentation; set rate_limit, retry and pagination to what",
                "the provider documents, and add gotchas (docs/contributing-blueprints.md). Nothing below was invented.");
        return new Imported(name, header, tree, notes, null);
    }

    /** The server URL with its variables as {{connection.NAME}}, each declared with its enum or a strict pattern. */
    private static String baseUrl(Server server, Map<String, Object> fields) {
        Map<String, ServerVariable> variables = server.getVariables() == null ? Map.of() : server.getVariables();
        Matcher matcher = VARIABLE.matcher(server.getUrl());
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String field = variable.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            ServerVariable declared = variables.get(variable);
            String pattern = DEFAULT_PATTERN;
            if (declared != null && declared.getEnum() != null && !declared.getEnum().isEmpty()
                    && declared.getEnum().stream().allMatch(v -> v.matches("[A-Za-z0-9.-]+"))) {
                pattern = String.join("|", declared.getEnum().stream().map(v -> v.replace(".", "\\.")).toList());
            }
            String example = declared != null && declared.getDefault() != null && declared.getDefault().matches(pattern) ? declared.getDefault() : "acme";
            if (!example.matches(pattern)) {
                example = declared.getEnum().get(0);
            }
            Map<String, Object> fieldTree = new LinkedHashMap<>();
            if (declared != null && declared.getDescription() != null) {
                fieldTree.put("description", declared.getDescription());
            }
            fieldTree.put("pattern", pattern);
            fieldTree.put("example", example);
            fields.putIfAbsent(field, fieldTree);
            matcher.appendReplacement(out, Matcher.quoteReplacement("{{connection." + field + "}}"));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The scheme the API's top-level security asks for first, else the most capable one it defines. */
    private static Map<String, Object> auth(OpenAPI api, List<String> notes) {
        Map<String, SecurityScheme> schemes = api.getComponents() == null || api.getComponents().getSecuritySchemes() == null
                ? Map.of() : api.getComponents().getSecuritySchemes();
        Set<String> order = new LinkedHashSet<>();
        Map<String, List<String>> requestedScopes = new LinkedHashMap<>();
        for (SecurityRequirement requirement : Optional.ofNullable(api.getSecurity()).orElse(List.of())) {
            requirement.forEach((scheme, scopes) -> {
                order.add(scheme);
                requestedScopes.putIfAbsent(scheme, scopes);
            });
        }
        order.addAll(schemes.keySet());
        for (String schemeName : order) {
            SecurityScheme scheme = schemes.get(schemeName);
            if (scheme == null || scheme.getType() == null) {
                continue;
            }
            List<String> scopes = requestedScopes.getOrDefault(schemeName, List.of());
            switch (scheme.getType()) {
                case OAUTH2 -> {
                    if (scheme.getFlows() != null && scheme.getFlows().getAuthorizationCode() != null) {
                        OAuthFlow flow = scheme.getFlows().getAuthorizationCode();
                        return oauth("oauth2", flow, scopes, notes);
                    }
                    if (scheme.getFlows() != null && scheme.getFlows().getClientCredentials() != null) {
                        return oauth("oauth2_client_credentials", scheme.getFlows().getClientCredentials(), scopes, notes);
                    }
                    notes.add("security scheme " + schemeName + " offers only implicit or password flows, which the engine does not run");
                }
                case APIKEY -> {
                    if (scheme.getIn() == SecurityScheme.In.COOKIE) {
                        notes.add("security scheme " + schemeName + " sends its key in a cookie, which the engine does not do");
                        continue;
                    }
                    return NangoImporter.ordered("mode", "api_key", "in", scheme.getIn() == SecurityScheme.In.QUERY ? "query" : "header",
                            "name", scheme.getName());
                }
                case HTTP -> {
                    String kind = Objects.toString(scheme.getScheme(), "").toLowerCase(Locale.ROOT);
                    if (kind.equals("bearer") || kind.equals("basic")) {
                        return NangoImporter.ordered("mode", kind);
                    }
                    notes.add("security scheme " + schemeName + " uses HTTP " + kind + ", which the engine does not do");
                }
                default -> notes.add("security scheme " + schemeName + " (" + scheme.getType() + ") has no equivalent; "
                        + "OpenID Connect discovery is not read: write its authorization and token URLs by hand");
            }
        }
        notes.add("no usable security scheme: auth mode none; set auth by hand if the API needs credentials");
        return NangoImporter.ordered("mode", "none");
    }

    private static Map<String, Object> oauth(String mode, OAuthFlow flow, List<String> scopes, List<String> notes) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("mode", mode);
        if (mode.equals("oauth2")) {
            auth.put("authorization_url", flow.getAuthorizationUrl());
        }
        auth.put("token_url", flow.getTokenUrl());
        if (!scopes.isEmpty()) {
            auth.put("default_scopes", scopes);
        } else if (flow.getScopes() != null && !flow.getScopes().isEmpty()) {
            notes.add(flow.getScopes().size() + " scopes are defined and none required: choose default_scopes (e.g. "
                    + String.join(", ", flow.getScopes().keySet().stream().limit(3).toList()) + ")");
        }
        if (flow.getRefreshUrl() != null && !flow.getRefreshUrl().equals(flow.getTokenUrl())) {
            notes.add("refreshUrl differs from tokenUrl; the engine refreshes at token_url");
        }
        return auth;
    }

    /** Rate-limit headers the responses declare, by their usual names. */
    private static Map<String, Object> rateLimit(OpenAPI api) {
        Set<String> names = new LinkedHashSet<>();
        if (api.getComponents() != null && api.getComponents().getHeaders() != null) {
            names.addAll(api.getComponents().getHeaders().keySet());
        }
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getResponses() != null) {
                    operation.getResponses().values().forEach(response -> {
                        Map<String, Header> headers = response.getHeaders();
                        if (headers != null) {
                            names.addAll(headers.keySet());
                        }
                    });
                }
            }));
        }
        Map<String, Object> rateLimit = new LinkedHashMap<>();
        rateLimit.put("statuses", List.of(429));
        rateLimit.put("retry_after", List.of(find(names, "retry-after").orElse("Retry-After")));
        find(names, "(x-)?rate-?limit-reset").ifPresent(reset -> rateLimit.put("reset", NangoImporter.ordered("header", reset, "format", "auto")));
        find(names, "(x-)?rate-?limit-remaining").ifPresent(remaining -> rateLimit.put("remaining", remaining));
        find(names, "(x-)?rate-?limit-limit").ifPresent(limit -> rateLimit.put("limit", limit));
        rateLimit.put("max_wait", "PT2M");
        return rateLimit;
    }

    private static Optional<String> find(Set<String> names, String regex) {
        return names.stream().filter(name -> name.toLowerCase(Locale.ROOT).matches(regex)).findFirst();
    }

    private static String slug(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        slug = slug.replaceAll("-?api$", "");
        if (slug.isEmpty() || !Character.isLetter(slug.charAt(0))) {
            slug = "api-" + slug;
        }
        return slug.length() > 63 ? slug.substring(0, 63).replaceAll("-+$", "") : slug;
    }
}
