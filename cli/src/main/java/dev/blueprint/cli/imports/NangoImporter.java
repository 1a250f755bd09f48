package dev.blueprint.cli.imports;

import dev.blueprint.ConfigProblem;
import dev.blueprint.ConfigurationException;
import dev.blueprint.yaml.YNode.YList;
import dev.blueprint.yaml.YNode.YMap;
import dev.blueprint.yaml.YNode.YScalar;
import dev.blueprint.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts providers in Nango's publicly documented {@code providers.yaml} format into blueprints: auth mode and
 * OAuth URLs and parameters, {@code proxy.base_url}, headers and query, {@code proxy.retry} headers,
 * {@code proxy.paginate}, {@code connection_config} with its patterns, {@code ${connectionConfig.x}} and
 * {@code ${metadata.x}} placeholders (values learned from the token response or callback where Nango says so), and
 * {@code alias}. What has no equivalent is listed per provider, never silently dropped.
 */
final class NangoImporter {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)\\.?([A-Za-z0-9_.-]*)}");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final String DEFAULT_PATTERN = "[a-z0-9][a-z0-9-]{0,62}";
    private static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry("crm", "crm"), Map.entry("marketing", "marketing"), Map.entry("support", "support"),
            Map.entry("ticketing", "support"), Map.entry("productivity", "productivity"), Map.entry("knowledge-base", "knowledge-base"),
            Map.entry("accounting", "accounting"), Map.entry("analytics", "analytics"), Map.entry("ats", "ats"), Map.entry("hr", "hr"),
            Map.entry("payment", "payments"), Map.entry("payments", "payments"), Map.entry("e-commerce", "ecommerce"),
            Map.entry("ecommerce", "ecommerce"), Map.entry("communication", "communication"), Map.entry("dev-tools", "developer-tools"),
            Map.entry("design", "design"), Map.entry("storage", "storage"), Map.entry("social", "social"), Map.entry("video", "video"),
            Map.entry("legal", "documents"), Map.entry("banking", "finance"), Map.entry("sales", "sales"), Map.entry("cms", "cms"),
            Map.entry("surveys", "forms"), Map.entry("search", "productivity"), Map.entry("invoicing", "accounting"),
            Map.entry("erp", "accounting"), Map.entry("identity", "identity"), Map.entry("security", "security"),
            Map.entry("monitoring", "monitoring"), Map.entry("observability", "monitoring"), Map.entry("cloud", "cloud"),
            Map.entry("calendar", "calendar"), Map.entry("scheduling", "calendar"), Map.entry("email", "email"),
            Map.entry("messaging", "messaging"), Map.entry("e-signature", "e-signature"), Map.entry("mcp", "developer-tools"));
    private static final Set<String> UNSUPPORTED_MODES = Set.of("OAUTH1", "APP", "APP_STORE", "CUSTOM", "TBA", "TABLEAU", "JWT",
            "BILL", "TWOSTEP", "SIGNATURE", "INSTALL_PLUGIN");

    private final String file;
    private final Map<String, YMap> providers = new LinkedHashMap<>();

    /** @throws ConfigurationException when the document is not a map of providers, with the location */
    NangoImporter(String file, YNode document) {
        this.file = file;
        if (!(document instanceof YMap root)) {
            throw problem(document, "expected a map of providers (name: {auth_mode: ..., ...}), as Nango's providers.yaml is");
        }
        root.entries().forEach((name, entry) -> {
            if (!(entry.value() instanceof YMap provider)) {
                throw problem(entry.value(), "provider " + name + " must be a map of its settings");
            }
            providers.put(name, provider);
        });
    }

    Set<String> names() {
        return providers.keySet();
    }

    Imported convert(String nangoName) {
        String name = nangoName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        if (!NAME.matcher(name).matches()) {
            return Imported.skip(nangoName, "no valid blueprint name can be made of it");
        }
        Map<String, Object> p;
        try {
            p = resolve(nangoName, new LinkedHashSet<>());
        } catch (IllegalArgumentException e) {
            return Imported.skip(name, e.getMessage());
        }
        try {
            return new Conversion(name, nangoName, p).run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Imported.skip(name, e.getMessage());
        }
    }

    /** The provider with its alias chain merged underneath it. */
    private Map<String, Object> resolve(String name, Set<String> seen) {
        YMap provider = providers.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("alias " + name + " names no provider in this file");
        }
        if (!seen.add(name)) {
            throw new IllegalArgumentException("its alias chain loops (" + String.join(" -> ", seen) + " -> " + name + ")");
        }
        Map<String, Object> own = plain(provider);
        if (own.get("alias") instanceof String alias) {
            Map<String, Object> base = resolve(alias, seen);
            own.remove("alias");
            return merge(base, own);
        }
        return own;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        over.forEach((key, value) -> merged.merge(key, value, (a, b) -> a instanceof Map<?, ?> am && b instanceof Map<?, ?> bm
                ? merge((Map<String, Object>) am, (Map<String, Object>) bm) : b));
        return merged;
    }

    /** A YAML node as plain Java maps, lists and scalars. */
    private static Map<String, Object> plain(YMap map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.entries().forEach((key, entry) -> out.put(key, plainValue(entry.value())));
        return out;
    }

    private static Object plainValue(YNode node) {
        if (node instanceof YMap map) {
            return plain(map);
        }
        if (node instanceof YList list) {
            return list.items().stream().map(NangoImporter::plainValue).toList();
        }
        YScalar scalar = (YScalar) node;
        return scalar.isNull() ? null : scalar.value();
    }

    private ConfigurationException problem(YNode at, String message) {
        var origin = at instanceof YMap m ? m.origin() : at instanceof YList l ? l.origin() : ((YScalar) at).origin();
        return new ConfigurationException(List.of(new ConfigProblem(origin.position(), origin.path(), message)));
    }

    /** One provider's conversion: the blueprint tree and the notes of what did not carry over. */
    private final class Conversion {
        private final String name;
        private final String nangoName;
        private final Map<String, Object> p;
        private final List<String> notes = new ArrayList<>();
        private final Map<String, Map<String, Object>> fields = new LinkedHashMap<>();
        private final Set<String> fromToken = new LinkedHashSet<>();
        private final Set<String> fromCallback = new LinkedHashSet<>();

        Conversion(String name, String nangoName, Map<String, Object> p) {
            this.name = name;
            this.nangoName = nangoName;
            this.p = p;
            strings(p.get("token_response_metadata")).forEach(field -> fromToken.add(field));
            strings(p.get("redirect_uri_metadata")).forEach(field -> fromCallback.add(field));
        }

        Imported run() {
            String mode = String.valueOf(p.getOrDefault("auth_mode", "NONE")).toUpperCase(Locale.ROOT);
            if (UNSUPPORTED_MODES.contains(mode)) {
                return Imported.skip(name, "auth_mode " + mode + " has no equivalent in the engine");
            }
            Map<String, Object> proxy = map(p.get("proxy"));
            Object baseUrl = proxy.get("base_url");
            if (!(baseUrl instanceof String base) || base.isBlank()) {
                return Imported.skip(name, "it has no proxy.base_url, so there is no API to call");
            }
            String renderedBase = template(base, "proxy.base_url");
            if (renderedBase.startsWith("{{")) {
                return Imported.skip(name, "its base URL is entirely a connection value (" + base + "); the engine pins hosts to the "
                        + "API's own domain, so write this one by hand (see salesforce:v0, which learns its instance with 'extract')");
            }
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("name", name);
            tree.put("version", "v0");
            tree.put("display_name", String.valueOf(p.getOrDefault("display_name", nangoName)));
            if (p.get("docs") instanceof String docs && docs.startsWith("https://")) {
                tree.put("docs_url", docs);
            }
            List<String> categories = new ArrayList<>();
            for (String category : strings(p.get("categories"))) {
                String mapped = CATEGORIES.get(category);
                if (mapped == null) {
                    notes.add("category '" + category + "' is not one of the catalog's; left out");
                } else if (!categories.contains(mapped) && categories.size() < 3) {
                    categories.add(mapped);
                }
            }
            Map<String, Object> auth = auth(mode, proxy);
            Map<String, Object> requests = new LinkedHashMap<>();
            requests.put("base_url", renderedBase);
            Map<String, Object> headers = new LinkedHashMap<>();
            map(proxy.get("headers")).forEach((header, value) -> {
                String text = String.valueOf(value);
                if (text.matches(".*\\$\\{(accessToken|apiKey|credentials\\.[A-Za-z_]+)}.*")) {
                    return; // the credential itself: the auth mode sends it
                }
                headers.put(header, template(text, "proxy.headers." + header));
            });
            if (!headers.isEmpty()) {
                requests.put("headers", headers);
            }
            Map<String, Object> query = new LinkedHashMap<>();
            map(proxy.get("query")).forEach((param, value) -> {
                if (!String.valueOf(value).contains("${apiKey}")) {
                    query.put(param, template(String.valueOf(value), "proxy.query." + param));
                }
            });
            if (!query.isEmpty()) {
                requests.put("query", query);
            }
            if (!fields.isEmpty()) {
                Map<String, Object> config = new LinkedHashMap<>();
                fields.forEach(config::put);
                tree.put("connection_config", config);
            }
            if (!categories.isEmpty()) {
                tree.put("categories", categories);
            }
            tree.put("auth", auth);
            tree.put("requests", requests);
            tree.put("rate_limit", rateLimit(map(proxy.get("retry"))));
            pagination(map(proxy.get("paginate"))).ifPresent(pagination -> tree.put("pagination", pagination));
            for (String key : List.of("post_connection_script", "webhook_routing_script", "connection_configuration", "refresh_url",
                    "refresh_params", "token_expiration_buffer", "expires_in_unit", "authorization_url_replacements",
                    "authorization_url_encoded", "token_url_encoded", "signature_method", "request_url", "request_params")) {
                if (p.containsKey(key)) {
                    notes.add(key + " has no equivalent; review it by hand");
                }
            }
            if (proxy.containsKey("verification")) {
                notes.add("proxy.verification (a call that checks credentials) has no equivalent; call the API after connecting");
            }
            List<String> header = List.of(
                    display(tree) + ", imported from Nango's providers.yaml entry '" + nangoName + "' by `blueprint import nango`.",
                    "Check every value against the provider's own documentation before relying on it, then add its rate limits,",
                    "retry policy and gotchas as the catalog's blueprints do (docs/contributing-blueprints.md).");
            return new Imported(name, header, tree, notes, null);
        }

        private String display(Map<String, Object> tree) {
            return String.valueOf(tree.get("display_name"));
        }

        private Map<String, Object> auth(String mode, Map<String, Object> proxy) {
            Map<String, Object> auth = new LinkedHashMap<>();
            switch (mode) {
                case "OAUTH2", "OAUTH2_CC" -> {
                    auth.put("mode", mode.equals("OAUTH2") ? "oauth2" : "oauth2_client_credentials");
                    if (mode.equals("OAUTH2")) {
                        auth.put("authorization_url", template(required("authorization_url"), "authorization_url"));
                    }
                    auth.put("token_url", template(tokenUrl(mode), "token_url"));
                    Map<String, Object> authorizationParams = params(map(p.get("authorization_params")), "authorization_params");
                    if (mode.equals("OAUTH2") && !authorizationParams.isEmpty()) {
                        auth.put("authorization_params", authorizationParams);
                    }
                    Map<String, Object> tokenParams = params(map(p.get("token_params")), "token_params");
                    if (!tokenParams.isEmpty()) {
                        auth.put("token_params", tokenParams);
                    }
                    boolean basic = "header".equals(p.get("authorization_method")) || "basic".equals(p.get("token_request_auth_method"));
                    auth.put("token_request_auth", basic ? "client_secret_basic" : "client_secret_post");
                    auth.put("token_request_format", "json".equals(p.get("body_format")) ? "json" : "form");
                    if (p.get("scope_separator") instanceof String separator && !separator.isEmpty()) {
                        auth.put("scope_separator", separator);
                    }
                    List<String> scopes = strings(p.get("default_scopes"));
                    if (!scopes.isEmpty()) {
                        auth.put("default_scopes", scopes);
                    }
                    if (mode.equals("OAUTH2")) {
                        auth.put("pkce", !Boolean.TRUE.equals(p.get("disable_pkce")));
                    }
                }
                case "API_KEY" -> apiKey(auth, proxy);
                case "BASIC" -> auth.put("mode", "basic");
                default -> auth.put("mode", "none");
            }
            return auth;
        }

        /** Where Nango's proxy puts ${apiKey}: a header (with any prefix) or a query parameter. */
        private void apiKey(Map<String, Object> auth, Map<String, Object> proxy) {
            for (Map.Entry<String, Object> header : map(proxy.get("headers")).entrySet()) {
                String value = String.valueOf(header.getValue());
                int at = value.indexOf("${apiKey}");
                if (at >= 0 && at + "${apiKey}".length() == value.length()) {
                    auth.put("mode", "api_key");
                    auth.put("in", "header");
                    auth.put("name", header.getKey());
                    if (at > 0) {
                        auth.put("prefix", value.substring(0, at));
                    }
                    return;
                }
            }
            for (Map.Entry<String, Object> param : map(proxy.get("query")).entrySet()) {
                if (String.valueOf(param.getValue()).equals("${apiKey}")) {
                    auth.put("mode", "api_key");
                    auth.put("in", "query");
                    auth.put("name", param.getKey());
                    return;
                }
            }
            auth.put("mode", "bearer");
            notes.add("API_KEY without ${apiKey} in proxy.headers or proxy.query: imported as a bearer token; check where the key goes");
        }

        private String tokenUrl(String mode) {
            Object url = p.get("token_url");
            if (url instanceof Map<?, ?> byMode) {
                Object own = byMode.get(mode.equals("OAUTH2") ? "OAUTH2" : "OAUTH2CC");
                if (own instanceof String text) {
                    return text;
                }
                throw new IllegalStateException("token_url has no " + mode + " entry");
            }
            return required("token_url");
        }

        private String required(String key) {
            if (!(p.get(key) instanceof String value) || value.isBlank()) {
                throw new IllegalStateException(key + " is missing");
            }
            return value;
        }

        private Map<String, Object> params(Map<String, Object> params, String key) {
            Map<String, Object> out = new LinkedHashMap<>();
            params.forEach((name, value) -> {
                if (name.equals("grant_type") || name.equals("response_type") && "code".equals(value)) {
                    return; // the engine sends these itself
                }
                if (value instanceof Map || value instanceof List) {
                    notes.add(key + "." + name + " is not a single value; left out");
                    return;
                }
                out.put(name, template(String.valueOf(value), key + "." + name));
            });
            return out;
        }

        /** Nango's ${connectionConfig.x} / ${metadata.x} as {{connection.x}}, declaring each field once. */
        private String template(String text, String where) {
            Matcher matcher = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String kind = matcher.group(1);
                String field = matcher.group(2).replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(Locale.ROOT);
                if (!(kind.equals("connectionConfig") || kind.equals("metadata")) || field.isEmpty() || !field.matches("[a-z][a-z0-9_]*")) {
                    throw new IllegalStateException(where + " uses " + matcher.group() + ", which has no equivalent");
                }
                declare(field, matcher.group(2));
                matcher.appendReplacement(out, Matcher.quoteReplacement("{{connection." + field + "}}"));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        private void declare(String field, String nangoField) {
            if (fields.containsKey(field)) {
                return;
            }
            Map<String, Object> declared = map(map(p.get("connection_config")).get(nangoField));
            Map<String, Object> out = new LinkedHashMap<>();
            if (declared.get("description") instanceof String description) {
                out.put("description", description);
            } else if (declared.get("title") instanceof String title) {
                out.put("description", title);
            }
            String pattern = declared.get("pattern") instanceof String given ? given.replaceAll("^\\^", "").replaceAll("\\$$", "") : null;
            if (pattern == null || pattern.isBlank() || pattern.equals(".*") || pattern.equals(".+")) {
                pattern = DEFAULT_PATTERN;
                notes.add("connection_config." + field + " had no usable pattern; given " + DEFAULT_PATTERN + ": adjust it to what the provider allows");
            }
            out.put("pattern", pattern);
            String example = declared.get("example") instanceof String given ? given : "acme";
            if (!example.matches(pattern)) {
                notes.add("connection_config." + field + "'s example does not match its pattern; replaced");
                example = example.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "");
                if (!example.matches(pattern)) {
                    example = "acme";
                }
            }
            out.put("example", example);
            if (fromToken.contains(nangoField)) {
                out.put("from", "token_response." + nangoField);
            } else if (fromCallback.contains(nangoField)) {
                out.put("from", "callback." + nangoField);
            }
            fields.put(field, out);
        }

        private Map<String, Object> rateLimit(Map<String, Object> retry) {
            Map<String, Object> rateLimit = new LinkedHashMap<>();
            List<Object> statuses = new ArrayList<>(List.of(429));
            if (retry.get("error_code") instanceof Number code && code.intValue() != 429) {
                statuses.add(code.intValue());
            }
            rateLimit.put("statuses", statuses);
            if (retry.get("after") instanceof String after) {
                rateLimit.put("retry_after", List.of(after));
            }
            if (retry.get("at") instanceof String at) {
                rateLimit.put("reset", ordered("header", at, "format", "auto"));
            }
            if (retry.get("remaining") instanceof String remaining) {
                rateLimit.put("remaining", remaining);
            }
            rateLimit.put("max_wait", "PT2M");
            return rateLimit;
        }

        private Optional<Map<String, Object>> pagination(Map<String, Object> paginate) {
            if (paginate.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("items", pointer(paginate.get("response_path")));
            switch (String.valueOf(paginate.get("type"))) {
                case "cursor" -> {
                    if (!(paginate.get("cursor_name_in_request") instanceof String param) || !(paginate.get("cursor_path_in_response") instanceof String path)) {
                        notes.add("proxy.paginate (cursor) lacks cursor_name_in_request or cursor_path_in_response; no pagination");
                        return Optional.empty();
                    }
                    out.put("cursor", ordered("param", param, "from", pointer(path)));
                }
                case "link" -> {
                    if (paginate.get("link_path_in_response_body") instanceof String path) {
                        out.put("next_url", pointer(path));
                    } else {
                        out.put("link_header", true);
                    }
                }
                case "offset" -> {
                    String param = paginate.get("offset_name_in_request") instanceof String name ? name : "offset";
                    if ("per-page".equals(paginate.get("offset_calculation_method"))) {
                        int first = paginate.get("offset_start_value") instanceof Number start ? start.intValue() : 1;
                        out.put("page", ordered("param", param, "first", Math.max(0, Math.min(1, first))));
                    } else {
                        out.put("offset", ordered("param", param));
                    }
                }
                default -> {
                    notes.add("proxy.paginate type " + paginate.get("type") + " is not one the engine knows; no pagination");
                    return Optional.empty();
                }
            }
            if (paginate.containsKey("limit_name_in_request")) {
                notes.add("proxy.paginate.limit_name_in_request names no value; add pagination.page_size with the provider's maximum");
            }
            return Optional.of(out);
        }

        /** Nango's dotted response path as a JSON pointer; none means the body is the array. */
        private String pointer(Object path) {
            if (!(path instanceof String text) || text.isBlank()) {
                return "";
            }
            StringBuilder pointer = new StringBuilder();
            for (String segment : text.split("\\.")) {
                pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
            }
            return pointer.toString();
        }
    }

    /** A map in the order given, as the written blueprint shows it. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return value instanceof String single ? List.of(single) : List.of();
    }

    @Override
    public String toString() {
        return "NangoImporter[" + file + ", " + providers.size() + " providers]";
    }
}
