package dev.blueprint.cli.docs;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.blueprint.Catalog;
import dev.blueprint.model.ApiKeyConfig;
import dev.blueprint.model.AuthConfig;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.ClientCredentialsConfig;
import dev.blueprint.model.OAuth2Config;
import dev.blueprint.model.OAuthConfig;
import dev.blueprint.model.PaginationConfig;
import dev.blueprint.model.RateLimitConfig;
import dev.blueprint.model.RefreshPolicy;
import dev.blueprint.model.RetryConfig;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the catalog's Markdown pages from the blueprints with Mustache templates: one page per blueprint
 * ({@code <name>.md}, the newest version) and an index ({@code README.md}). Output is deterministic, so a
 * committed page can be compared with what the blueprint generates.
 */
public final class DocsGenerator {
    /** Markdown, not HTML: values are written as they are. */
    private static final DefaultMustacheFactory FACTORY = new DefaultMustacheFactory("docs-templates") {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private final Mustache page = FACTORY.compile("blueprint.md.mustache");
    private final Mustache index = FACTORY.compile("index.md.mustache");

    /** File name → content, for every blueprint of {@code catalog} (newest version per name) and the index. */
    public Map<String, String> generate(Catalog catalog) {
        return generate(catalog.refs().stream().map(catalog::blueprint).toList());
    }

    /** File name → content, for every blueprint (newest version per name) and the index. */
    public Map<String, String> generate(List<Blueprint> blueprints) {
        Map<String, Blueprint> newest = new LinkedHashMap<>();
        blueprints.stream()
                .sorted((a, b) -> a.ref().compareTo(b.ref()))
                .forEach(b -> newest.put(b.ref().name(), b));
        Map<String, String> pages = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Blueprint blueprint : newest.values()) {
            Map<String, Object> view = view(blueprint);
            pages.put(blueprint.ref().name() + ".md", render(page, view));
            rows.add(view);
        }
        Map<String, List<Map<String, Object>>> byCategory = new java.util.TreeMap<>();
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            List<String> categories = (List<String>) row.get("categoryList");
            for (String category : categories.isEmpty() ? List.of("uncategorized") : categories) {
                byCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(row);
            }
        }
        List<Map<String, Object>> groups = byCategory.entrySet().stream().map(e -> Map.<String, Object>of(
                "category", e.getKey(), "size", e.getValue().size(), "blueprints", e.getValue())).toList();
        pages.put("README.md", render(index, Map.of("count", rows.size(), "groups", groups,
                "categoryLinks", groups.stream().map(g -> "[" + g.get("category") + "](#" + g.get("category") + ") (" + g.get("size") + ")")
                        .collect(Collectors.joining(" · ")))));
        return pages;
    }

    private static String render(Mustache template, Object scope) {
        StringWriter out = new StringWriter();
        template.execute(out, scope);
        // One blank line at most, and a single final newline: stable under template whitespace.
        return out.toString().replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }

    private static Map<String, Object> view(Blueprint b) {
        Map<String, Object> view = new LinkedHashMap<>();
        String name = b.ref().name();
        view.put("name", name);
        view.put("version", b.ref().version());
        view.put("ref", b.ref().toString());
        view.put("displayName", b.displayName());
        view.put("docsUrl", b.docsUrl().map(Object::toString).orElse(null));
        view.put("categories", b.categories());
        view.put("categoriesText", String.join(", ", b.categories()));
        view.put("javaName", javaName(name));
        view.put("oauth", b.auth() instanceof OAuthConfig);
        view.put("envVariable", name.toUpperCase(Locale.ROOT).replace('-', '_') + "_CLIENT_SECRET");
        List<String> scopes = b.auth() instanceof OAuthConfig o ? o.defaultScopes() : List.of();
        view.put("hasScopes", b.auth() instanceof OAuth2Config);
        view.put("scopesExample", scopes.isEmpty() ? "scope.you.need" : String.join(", ", scopes));
        view.put("credentialsExample", credentialsExample(b.auth()));
        view.put("authorizationCode", b.auth() instanceof OAuth2Config);
        view.put("clientCredentials", b.auth() instanceof ClientCredentialsConfig);
        view.put("hasConnectionConfig", !b.connectionConfig().isEmpty());
        String given = b.connectionConfig().values().stream().filter(f -> !f.learned()).sorted((x, y) -> x.name().compareTo(y.name()))
                .map(f -> "\"" + f.name() + "\", \"" + f.example().orElse("...") + "\"").collect(Collectors.joining(", "));
        view.put("connectionArgument", given.isEmpty() ? "" : ", Map.of(" + given + ")");
        view.put("connectionFields", b.connectionConfig().values().stream().sorted((x, y) -> x.name().compareTo(y.name()))
                .map(f -> Map.of("name", f.name(), "pattern", cell(f.pattern().pattern()), "example", f.example().orElse(""),
                        "description", cell(f.description().orElse("")),
                        "source", f.source().map(s -> "learned from `" + s.from() + "`" + s.extract().map(e -> " (`" + e + "`)").orElse(""))
                                .orElse("given when connecting")))
                .toList());
        view.put("coverage", coverage(b));
        view.put("gotchas", b.gotchas().stream().map(DocsGenerator::line).toList());
        view.put("authMode", authSummary(b.auth()));
        view.put("categoryList", b.categories());
        RateLimitConfig limits = b.rateLimit();
        boolean paced = (limits.remaining().isPresent() && limits.reset().isPresent()) || limits.budget().isPresent();
        view.put("rateLimitGlance", paced ? "paced" : limits.body().isPresent() ? "reactive + body" : "reactive");
        view.put("paginationGlance", b.pagination().map(p -> {
            if (p.style() instanceof PaginationConfig.Cursor) {
                return "cursor";
            }
            if (p.style() instanceof PaginationConfig.NextUrl) {
                return "next URL";
            }
            if (p.style() instanceof PaginationConfig.Offset) {
                return "offset";
            }
            return p.style() instanceof PaginationConfig.PageNumber ? "page" : "Link header";
        }).orElse("—"));
        view.put("refreshShort", refreshShort(b.auth()));
        view.put("rateLimitShort", cell(rateLimitShort(b.rateLimit())));
        return view;
    }

    private static List<Map<String, String>> coverage(Blueprint b) {
        List<Map<String, String>> rows = new ArrayList<>();
        AuthConfig auth = b.auth();
        rows.add(row("Builtin OAuth2", auth instanceof OAuthConfig, authDetails(auth)));
        rows.add(row("Token refresh", refreshPolicy(auth) != null, refreshDetails(auth)));
        RateLimitConfig rl = b.rateLimit();
        rows.add(row("Rate-limit detection", true, rateLimitDetails(rl)));
        boolean pacing = (rl.remaining().isPresent() && rl.reset().isPresent()) || rl.budget().isPresent() || rl.ietfHeaders();
        rows.add(row("Proactive pacing", pacing, pacingDetails(rl)));
        RetryConfig retry = b.retry();
        rows.add(row("Retries", retry.maxAttempts() > 1, retry.maxAttempts() + " attempts; statuses "
                + retry.onStatus().stream().map(String::valueOf).collect(Collectors.joining(", "))
                + (retry.onTimeout() ? "; timeouts" : "") + "; methods " + String.join(", ", retry.methods().stream().sorted().toList())
                + "; backoff " + iso(retry.backoff().initial()) + " to " + iso(retry.backoff().max()) + " ×" + retry.backoff().multiplier()))
        ;
        rows.add(row("Pagination", b.pagination().isPresent(), b.pagination().map(DocsGenerator::paginationDetails)
                .orElse("not declared: page by hand")));
        rows.add(row("Any endpoint", true, "paths relative to `" + b.requests().baseUrl() + "`"
                + (b.requests().headers().isEmpty() ? "" : "; default headers " + b.requests().headers().keySet().stream()
                        .map(h -> "`" + h + "`").collect(Collectors.joining(", ")))));
        return rows;
    }

    private static Map<String, String> row(String feature, boolean supported, String details) {
        return Map.of("feature", feature, "supported", supported ? "✅" : "—", "details", cell(details));
    }

    private static String authDetails(AuthConfig auth) {
        if (auth instanceof OAuth2Config o) {
            return "authorization code" + (o.pkce() ? " + PKCE" : "") + "; authorize `" + o.authorizationUrl() + "`, token `"
                    + o.tokenUrl() + "`; client auth " + o.tokenRequestAuth().name().toLowerCase(Locale.ROOT)
                    + "; scopes joined with " + (o.scopeSeparator().equals(" ") ? "a space" : "`" + o.scopeSeparator() + "`");
        }
        if (auth instanceof ClientCredentialsConfig c) {
            return "client credentials; token `" + c.tokenUrl() + "`";
        }
        return "not used: " + authSummary(auth);
    }

    private static RefreshPolicy refreshPolicy(AuthConfig auth) {
        return auth instanceof OAuthConfig o ? o.refresh() : null;
    }

    private static String refreshDetails(AuthConfig auth) {
        RefreshPolicy refresh = refreshPolicy(auth);
        if (refresh == null) {
            return "not applicable (" + auth.mode() + ")";
        }
        StringBuilder details = new StringBuilder(refresh.required() ? "**mandatory**: access tokens always expire; " : "automatic; ");
        details.append("refreshed ").append(iso(refresh.margin())).append(" before expiry, once for concurrent callers");
        refresh.defaultAccessTokenTtl().ifPresent(ttl -> details.append("; tokens assumed to live ").append(iso(ttl)));
        refresh.refreshTokenTtl().ifPresent(ttl -> details.append("; refresh tokens die after ").append(iso(ttl))
                .append(" (then the user must authorize again)"));
        if (refresh.rotatesRefreshToken()) {
            details.append("; refresh tokens rotate");
        }
        return details.toString();
    }

    private static String paginationDetails(PaginationConfig p) {
        String style;
        if (p.style() instanceof PaginationConfig.Cursor c) {
            style = "cursor `" + c.param() + "` from " + c.next().map(n -> "`" + n + "`")
                    .orElseGet(() -> "the last item's `" + c.lastItem().orElse("") + "`");
        } else if (p.style() instanceof PaginationConfig.NextUrl n) {
            style = "next URL at `" + n.pointer() + "`";
        } else if (p.style() instanceof PaginationConfig.Offset o) {
            style = "offset `" + o.param() + "`";
        } else if (p.style() instanceof PaginationConfig.PageNumber n) {
            style = "page `" + n.param() + "` from " + n.first();
        } else {
            style = "`Link` header `rel=\"next\"`";
        }
        return style + "; items at `" + (p.items().isEmpty() ? "(the body)" : p.items()) + "`"
                + p.pageSize().map(s -> "; `" + s.param() + "=" + s.value() + "`").orElse("")
                + "; `client.items(path, Type.class)`, `request ... --all`";
    }

    private static String rateLimitDetails(RateLimitConfig rl) {
        List<String> parts = new ArrayList<>();
        parts.add("statuses " + rl.statuses().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        if (!rl.retryAfter().isEmpty()) {
            parts.add("`" + String.join("`, `", rl.retryAfter()) + "`");
        }
        rl.reset().ifPresent(r -> parts.add("`" + r.header() + "` (" + r.format().name().toLowerCase(Locale.ROOT) + ")"));
        rl.remaining().ifPresent(h -> parts.add("`" + h + "`"
                + (rl.remainingFormat() == RateLimitConfig.RemainingFormat.USED_OF_LIMIT ? " (used/limit)" : "")));
        rl.limit().ifPresent(h -> parts.add("`" + h + "`"));
        if (rl.ietfHeaders()) {
            parts.add("IETF `RateLimit`");
        }
        rl.body().ifPresent(body -> parts.add("body `" + body.pointer() + "` = " + body.values().stream()
                .map(v -> "`" + v + "`").collect(Collectors.joining(" or ")) + " on " + body.statuses().stream()
                .map(String::valueOf).collect(Collectors.joining(", "))));
        parts.add("waits over " + iso(rl.maxWait()) + " fail fast");
        return String.join("; ", parts);
    }

    private static String pacingDetails(RateLimitConfig rl) {
        List<String> parts = new ArrayList<>();
        if (rl.remaining().isPresent() && rl.reset().isPresent()) {
            parts.add("waits for the reset when remaining reaches 0");
        }
        rl.budget().ifPresent(b -> parts.add("declared budget " + b.requests() + " per " + iso(b.per()) + " per "
                + b.scope().name().toLowerCase(Locale.ROOT)));
        if (parts.isEmpty() && rl.ietfHeaders()) {
            parts.add("from IETF `RateLimit` fields when the API sends them");
        }
        return parts.isEmpty() ? "reacts to throttling responses only" : String.join("; ", parts);
    }

    private static String rateLimitShort(RateLimitConfig rl) {
        List<String> headers = new ArrayList<>(rl.retryAfter());
        rl.reset().ifPresent(r -> headers.add(r.header()));
        rl.remaining().ifPresent(headers::add);
        return headers.isEmpty() ? "statuses " + rl.statuses() : String.join(", ", headers);
    }

    private static String refreshShort(AuthConfig auth) {
        RefreshPolicy refresh = refreshPolicy(auth);
        if (refresh == null) {
            return "—";
        }
        return refresh.required() ? "mandatory" : "automatic";
    }

    private static String authSummary(AuthConfig auth) {
        if (auth instanceof ApiKeyConfig key) {
            return "API key (" + key.placement().name().toLowerCase(Locale.ROOT) + " `" + key.name() + "`)";
        }
        return switch (auth.mode()) {
            case "oauth2" -> "OAuth2 code";
            case "oauth2_client_credentials" -> "OAuth2 client credentials";
            case "basic" -> "basic";
            case "bearer" -> "bearer token";
            default -> "none";
        };
    }

    private static String credentialsExample(AuthConfig auth) {
        return switch (auth.mode()) {
            case "api_key" -> "Credentials.apiKey(apiKey)";
            case "basic" -> "Credentials.basic(username, password)";
            case "bearer" -> "Credentials.bearer(token)";
            default -> "new Credentials.None()";
        };
    }

    static String iso(Duration duration) {
        boolean wholeDays = duration.compareTo(Duration.ofDays(1)) >= 0 && duration.toNanos() % Duration.ofDays(1).toNanos() == 0;
        return wholeDays ? "P" + duration.toDays() + "D" : duration.toString();
    }

    private static String javaName(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String line(String text) {
        return text.replace("\n", " ").strip();
    }
}
