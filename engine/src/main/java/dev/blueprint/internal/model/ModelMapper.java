package dev.blueprint.internal.model;

import dev.blueprint.yaml.YNode;
import dev.blueprint.model.ApiKeyConfig;
import dev.blueprint.model.AuthConfig;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.model.ClientCredentialsConfig;
import dev.blueprint.model.ConnectionField;
import dev.blueprint.model.ConnectionValueSource;
import dev.blueprint.model.ErrorBodyConfig;
import dev.blueprint.model.PaginationConfig;
import dev.blueprint.model.OAuth2Config;
import dev.blueprint.model.OAuthClientConfig;
import dev.blueprint.model.RateLimitConfig;
import dev.blueprint.model.RateLimitConfig.Budget;
import dev.blueprint.model.RateLimitConfig.ResetHeader;
import dev.blueprint.model.RefreshPolicy;
import dev.blueprint.model.RequestsConfig;
import dev.blueprint.model.ResetFormat;
import dev.blueprint.model.RetryConfig;
import dev.blueprint.model.TokenRequestAuth;
import dev.blueprint.model.TokenRequestFormat;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps a merged, schema-valid blueprint tree to the immutable model, applying the documented defaults.
 * The defaults live here and in docs/blueprint-format.md; keep the two in step.
 */
public final class ModelMapper {
    static final List<Integer> DEFAULT_THROTTLE_STATUSES = List.of(429);
    static final List<String> DEFAULT_RETRY_AFTER = List.of("retry-after");
    static final List<Integer> DEFAULT_RETRY_STATUSES = List.of(502, 503, 504);

    private ModelMapper() {
    }

    public static Blueprint blueprint(YNode tree) {
        Fields root = Fields.of(tree);
        BlueprintRef ref = new BlueprintRef(root.string("name", ""), root.string("version", ""));
        return new Blueprint(
                ref,
                root.string("display_name", ref.name()),
                root.string("docs_url").map(URI::create),
                root.strings("categories", List.of()),
                connectionConfig(root),
                auth(root.child("auth")),
                requests(root.child("requests")),
                rateLimit(root.child("rate_limit")),
                retry(root.child("retry")),
                root.strings("gotchas", List.of()),
                root.has("pagination") ? Optional.of(pagination(root.child("pagination"))) : Optional.empty(),
                root.has("errors") ? Optional.of(new ErrorBodyConfig(root.child("errors").string("message"),
                        root.child("errors").string("code"))) : Optional.empty());
    }

    static PaginationConfig pagination(Fields pagination) {
        PaginationConfig.Style style;
        if (pagination.has("cursor")) {
            Fields cursor = pagination.child("cursor");
            style = new PaginationConfig.Cursor(cursor.string("param", ""), cursor.string("from"), cursor.string("from_last_item"));
        } else if (pagination.has("next_url")) {
            style = new PaginationConfig.NextUrl(pagination.string("next_url", ""));
        } else if (pagination.has("offset")) {
            style = new PaginationConfig.Offset(pagination.child("offset").string("param", "offset"));
        } else if (pagination.has("page")) {
            Fields page = pagination.child("page");
            style = new PaginationConfig.PageNumber(page.string("param", "page"), page.integer("first", 1));
        } else {
            style = new PaginationConfig.LinkHeader();
        }
        Optional<PaginationConfig.PageSize> size = pagination.has("page_size")
                ? Optional.of(new PaginationConfig.PageSize(pagination.child("page_size").string("param", ""),
                        pagination.child("page_size").integer("value", 1)))
                : Optional.empty();
        return new PaginationConfig(pagination.string("items", ""), style, size, pagination.string("has_more"), pagination.string("total"));
    }

    private static Map<String, ConnectionField> connectionConfig(Fields root) {
        Map<String, ConnectionField> fields = new LinkedHashMap<>();
        root.children("connection_config").forEach((name, field) -> fields.put(name, new ConnectionField(
                name, Pattern.compile(field.string("pattern", ".*")), field.string("description"), field.string("example"),
                field.string("from").map(from -> ConnectionValueSource.parse(from, field.string("extract"))))));
        return fields;
    }

    static AuthConfig auth(Fields auth) {
        return switch (auth.string("mode", "none")) {
            case "oauth2" -> new OAuth2Config(
                    auth.string("authorization_url", ""),
                    auth.stringMap("authorization_params"),
                    auth.bool("pkce", true),
                    oauthClient(auth));
            case "oauth2_client_credentials" -> new ClientCredentialsConfig(oauthClient(auth));
            case "api_key" -> new ApiKeyConfig(
                    ApiKeyConfig.Placement.valueOf(auth.string("in", "header").toUpperCase(Locale.ROOT)),
                    auth.string("name", ""),
                    auth.string("prefix", ""));
            case "basic" -> new AuthConfig.Basic();
            case "bearer" -> new AuthConfig.Bearer();
            default -> new AuthConfig.None();
        };
    }

    private static OAuthClientConfig oauthClient(Fields auth) {
        return new OAuthClientConfig(
                auth.string("token_url", ""),
                auth.stringMap("token_params"),
                tokenRequestAuth(auth),
                tokenRequestFormat(auth),
                auth.string("scope_separator", " "),
                auth.strings("default_scopes", List.of()),
                refresh(auth.child("refresh")),
                auth.string("token_prefix", OAuthClientConfig.BEARER));
    }

    private static TokenRequestAuth tokenRequestAuth(Fields auth) {
        return TokenRequestAuth.valueOf(auth.string("token_request_auth", "client_secret_post").toUpperCase(Locale.ROOT));
    }

    private static TokenRequestFormat tokenRequestFormat(Fields auth) {
        return TokenRequestFormat.valueOf(auth.string("token_request_format", "form").toUpperCase(Locale.ROOT));
    }

    private static RefreshPolicy refresh(Fields refresh) {
        return new RefreshPolicy(
                refresh.bool("required", false),
                refresh.duration("margin", RefreshPolicy.DEFAULT_MARGIN),
                refresh.duration("default_access_token_ttl"),
                refresh.duration("refresh_token_ttl"),
                refresh.bool("rotates_refresh_token", false));
    }

    private static RequestsConfig requests(Fields requests) {
        return new RequestsConfig(
                requests.string("base_url", ""),
                requests.stringMap("headers"),
                requests.stringMap("query"),
                requests.duration("timeout", RequestsConfig.DEFAULT_TIMEOUT),
                requests.duration("connect_timeout", RequestsConfig.DEFAULT_CONNECT_TIMEOUT),
                requests.longInteger("max_response_bytes", RequestsConfig.DEFAULT_MAX_RESPONSE_BYTES),
                requests.longInteger("max_token_response_bytes", RequestsConfig.DEFAULT_MAX_TOKEN_RESPONSE_BYTES));
    }

    private static RateLimitConfig rateLimit(Fields rateLimit) {
        Optional<ResetHeader> reset = rateLimit.has("reset")
                ? Optional.of(new ResetHeader(
                        lower(rateLimit.child("reset").string("header", "")),
                        ResetFormat.valueOf(rateLimit.child("reset").string("format", "auto").toUpperCase(Locale.ROOT))))
                : Optional.empty();
        Optional<Budget> budget = rateLimit.has("budget")
                ? Optional.of(new Budget(
                        rateLimit.child("budget").integer("requests", 1),
                        rateLimit.child("budget").duration("per", Duration.ofSeconds(1)),
                        Budget.Scope.valueOf(rateLimit.child("budget").string("scope", "connection").toUpperCase(Locale.ROOT))))
                : Optional.empty();
        return new RateLimitConfig(
                rateLimit.integers("statuses", DEFAULT_THROTTLE_STATUSES),
                rateLimit.strings("retry_after", DEFAULT_RETRY_AFTER).stream().map(ModelMapper::lower).toList(),
                reset,
                rateLimit.string("remaining").map(ModelMapper::lower),
                rateLimit.string("limit").map(ModelMapper::lower),
                rateLimit.bool("ietf_headers", true),
                rateLimit.duration("max_wait", RateLimitConfig.DEFAULT_MAX_WAIT),
                budget,
                RateLimitConfig.RemainingFormat.valueOf(rateLimit.string("remaining_format", "count").toUpperCase(Locale.ROOT)),
                rateLimit.has("body") ? Optional.of(bodySignal(rateLimit.child("body"))) : Optional.empty());
    }

    private static RateLimitConfig.BodySignal bodySignal(Fields body) {
        return new RateLimitConfig.BodySignal(
                body.integers("statuses", List.of(200)),
                body.string("pointer", ""),
                body.strings("values", List.of()),
                body.string("wait_pointer"),
                ResetFormat.valueOf(body.string("wait_format", "delta_seconds").toUpperCase(Locale.ROOT)));
    }

    private static RetryConfig retry(Fields retry) {
        Fields backoff = retry.child("backoff");
        return new RetryConfig(
                retry.integer("max_attempts", 3),
                retry.integers("on_status", DEFAULT_RETRY_STATUSES),
                retry.bool("on_timeout", true),
                retry.bool("on_connection_error", true),
                java.util.Set.copyOf(retry.strings("methods", RetryConfig.IDEMPOTENT_METHODS)),
                new RetryConfig.Backoff(
                        backoff.duration("initial", Duration.ofMillis(500)),
                        backoff.duration("max", Duration.ofSeconds(30)),
                        backoff.number("multiplier", 2.0),
                        backoff.number("jitter", 0.2)),
                retry.duration("max_elapsed", Duration.ofMinutes(2)));
    }

    private static String lower(String header) {
        return header.toLowerCase(Locale.ROOT);
    }
}
