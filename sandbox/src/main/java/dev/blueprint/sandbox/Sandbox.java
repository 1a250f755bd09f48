package dev.blueprint.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.blueprint.model.ApiKeyConfig;
import dev.blueprint.model.AuthConfig;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.ClientCredentialsConfig;
import dev.blueprint.model.ConnectionValueSource;
import dev.blueprint.model.OAuth2Config;
import dev.blueprint.model.OAuthConfig;
import dev.blueprint.model.RateLimitConfig;
import dev.blueprint.model.ResetFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server on loopback that plays the provider a blueprint describes: an authorize endpoint that
 * consents at once, a token endpoint (code exchange with PKCE check, refresh with rotation, client credentials,
 * token lifetimes), an API under {@code /api} that checks credentials the blueprint's way and answers JSON, rate
 * limits announced with exactly the blueprint's headers and formats, lists paged in the blueprint's pagination style
 * ({@link Lists}), and injectable faults.
 *
 * <p>Point an integration at it the way an integrator would, by overriding the blueprint's URLs:
 * {@link #integrationsYaml(String, String)} writes that file.
 */
public final class Sandbox implements AutoCloseable {
    public static final String CLIENT_ID = "sandbox-client";
    public static final String CLIENT_SECRET = "sandbox-secret";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern JSON_FIELD = Pattern.compile("\"([a-z_]+)\"\\s*:\\s*\"([^\"]*)\"");

    private record Code(String redirectUri, String challenge) {
    }

    private final Blueprint blueprint;
    private final SandboxOptions options;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16, runnable -> {
        Thread thread = new Thread(runnable, "sandbox");
        thread.setDaemon(true);
        return thread;
    });
    private final Faults faults = new Faults();
    private final Instant origin;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> retiredRefreshTokens = new ConcurrentHashMap<>(); // rotated away, and when
    private final AtomicInteger graceReuses = new AtomicInteger();
    private volatile Runnable afterRefresh = () -> { };
    private final Map<Long, AtomicInteger> windows = new ConcurrentHashMap<>();
    private final AtomicInteger apiRequests = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger authorizationCodes = new AtomicInteger();
    private final AtomicInteger codeExchanges = new AtomicInteger();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger clientCredentials = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger faulted = new AtomicInteger();

    private Sandbox(Blueprint blueprint, SandboxOptions options, int port) throws IOException {
        this.blueprint = blueprint;
        this.options = options;
        this.origin = options.clock().instant();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.createContext("/oauth/authorize", exchange -> handle(exchange, this::authorize));
        server.createContext("/oauth/token", exchange -> handle(exchange, this::token));
        server.createContext("/api", exchange -> handle(exchange, this::api));
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a sandbox of {@code blueprint} with default options on a free port. */
    public static Sandbox of(Blueprint blueprint) {
        return of(blueprint, SandboxOptions.defaults(), 0);
    }

    /** Starts a sandbox of {@code blueprint} on {@code port} (0: any free port). */
    public static Sandbox of(Blueprint blueprint, SandboxOptions options, int port) {
        try {
            return new Sandbox(blueprint, options, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a sandbox of " + blueprint.ref() + " on port " + port, e);
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public Blueprint blueprint() {
        return blueprint;
    }

    public SandboxOptions options() {
        return options;
    }

    /** Faults to inject into the next API responses. */
    public Faults faults() {
        return faults;
    }

    /**
     * Runs {@code listener} right after each refresh response is sent: the moment the client holds a new refresh
     * token that it may not have stored yet. Crash tests kill the client here.
     */
    public void afterRefresh(Runnable listener) {
        this.afterRefresh = listener == null ? () -> { } : listener;
    }

    /** Refreshes that presented a rotated-away refresh token within {@link SandboxOptions#refreshTokenReuseGrace}. */
    public int graceReuses() {
        return graceReuses.get();
    }

    public SandboxStats stats() {
        return new SandboxStats(apiRequests.get(), throttled.get(), authorizationCodes.get(), codeExchanges.get(),
                refreshes.get(), clientCredentials.get(), refused.get(), faulted.get());
    }

    /**
     * An integrations.yaml with one integration extending this blueprint and pointed at the sandbox; {@code extra}
     * is YAML indented under the integration (four spaces), e.g. overrides for a demo.
     */
    public String integrationsYaml(String integration, String extra) {
        return integrationsYaml(integration, "", extra);
    }

    /** Like {@link #integrationsYaml(String, String)}, with {@code authExtra} lines (six spaces) under {@code auth:}. */
    public String integrationsYaml(String integration, String authExtra, String extra) {
        StringBuilder yaml = new StringBuilder("integrations:\n  ").append(integration).append(":\n")
                .append("    extends_blueprint: ").append(blueprint.ref()).append('\n')
                .append("    oauth_client_id: ").append(CLIENT_ID).append('\n')
                .append("    oauth_client_secret: ").append(CLIENT_SECRET).append('\n');
        StringBuilder auth = new StringBuilder();
        if (blueprint.auth() instanceof OAuth2Config) {
            auth.append("      authorization_url: \"").append(baseUri()).append("/oauth/authorize\"\n");
        }
        if (blueprint.auth() instanceof OAuthConfig) {
            auth.append("      token_url: \"").append(baseUri()).append("/oauth/token\"\n");
        }
        auth.append(authExtra);
        if (auth.length() > 0) {
            yaml.append("    auth:\n").append(auth);
        }
        yaml.append("    requests: {base_url: \"").append(baseUri()).append("/api\"}\n");
        return yaml.append(extra).toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "Sandbox[" + blueprint.ref() + " at " + baseUri() + "]";
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static void handle(HttpExchange exchange, Handler handler) {
        try {
            handler.handle(exchange);
        } catch (IOException | RuntimeException e) {
            exchange.close();
        }
    }

    // ---- OAuth ------------------------------------------------------------------------------------------

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = params(exchange.getRequestURI().getRawQuery());
        String redirect = query.get("redirect_uri");
        if (redirect == null || !CLIENT_ID.equals(query.get("client_id"))) {
            send(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = random();
        codes.put(code, new Code(redirect, query.get("code_challenge")));
        authorizationCodes.incrementAndGet();
        StringBuilder location = new StringBuilder(redirect).append(redirect.contains("?") ? "&" : "?").append("code=").append(encode(code));
        if (query.containsKey("state")) {
            location.append("&state=").append(encode(query.get("state")));
        }
        // Values the blueprint learns from the callback (QuickBooks' realmId), shaped as the provider sends them.
        learned(ConnectionValueSource.Place.CALLBACK).forEach((name, raw) -> location.append('&').append(encode(name)).append('=').append(encode(raw)));
        exchange.getResponseHeaders().set("Location", location.toString());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = body.trim().startsWith("{") ? json(body) : params(body);
        if (!clientAuthenticated(exchange, form)) {
            refuse(exchange, 401, "invalid_client");
            return;
        }
        switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> exchangeCode(exchange, form);
            case "refresh_token" -> refresh(exchange, form);
            case "client_credentials" -> {
                clientCredentials.incrementAndGet();
                issue(exchange, false);
            }
            default -> refuse(exchange, 400, "unsupported_grant_type");
        }
    }

    private boolean clientAuthenticated(HttpExchange exchange, Map<String, String> form) {
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
            return pair.equals(CLIENT_ID + ":" + CLIENT_SECRET);
        }
        return CLIENT_ID.equals(form.get("client_id")) && CLIENT_SECRET.equals(form.get("client_secret"));
    }

    private void exchangeCode(HttpExchange exchange, Map<String, String> form) throws IOException {
        Code code = codes.remove(form.getOrDefault("code", "")); // single use
        if (code == null || !code.redirectUri().equals(form.get("redirect_uri"))) {
            refuse(exchange, 400, "invalid_grant");
            return;
        }
        if (code.challenge() != null && !code.challenge().equals(challenge(form.getOrDefault("code_verifier", "")))) {
            refuse(exchange, 400, "invalid_grant"); // RFC 7636 §4.6: the verifier does not match
            return;
        }
        codeExchanges.incrementAndGet();
        issue(exchange, true);
    }

    private void refresh(HttpExchange exchange, Map<String, String> form) throws IOException {
        String token = form.getOrDefault("refresh_token", "");
        Instant issued = refreshTokens.get(token);
        Instant retired = retiredRefreshTokens.get(token);
        boolean withinGrace = issued == null && retired != null
                && now().isBefore(retired.plus(options.refreshTokenReuseGrace()));
        if (!withinGrace && (issued == null || !now().isBefore(issued.plus(options.refreshTokenTtl())))) {
            refuse(exchange, 400, "invalid_grant");
            return;
        }
        if (withinGrace) {
            graceReuses.incrementAndGet(); // the client lost the rotated token (a crash between response and store)
        } else if (options.rotateRefreshTokens()) {
            refreshTokens.remove(token);
            retiredRefreshTokens.put(token, now());
        }
        refreshes.incrementAndGet();
        issue(exchange, options.rotateRefreshTokens());
        afterRefresh.run();
    }

    private void issue(HttpExchange exchange, boolean withRefreshToken) throws IOException {
        String access = "sbx-at-" + random();
        accessTokens.put(access, now().plus(options.accessTokenTtl()));
        StringBuilder json = new StringBuilder("{\"access_token\":\"").append(access)
                .append("\",\"token_type\":\"Bearer\",\"expires_in\":")
                .append(options.announcedAccessTokenTtl().orElse(options.accessTokenTtl()).toSeconds());
        if (withRefreshToken) {
            String refresh = "sbx-rt-" + random();
            refreshTokens.put(refresh, now());
            json.append(",\"refresh_token\":\"").append(refresh).append('"');
        }
        // Members the blueprint learns from the token response (Salesforce's instance_url).
        learned(ConnectionValueSource.Place.TOKEN_RESPONSE).forEach((name, raw) -> json.append(",\"").append(name).append("\":\"")
                .append(raw.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        send(exchange, 200, json.append('}').toString());
    }

    /**
     * The raw values this provider sends at {@code place} for the fields the blueprint learns there: each field's
     * example (or {@code example}) in the field's {@code extract} shape, by parameter or member name.
     */
    private Map<String, String> learned(ConnectionValueSource.Place place) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        blueprint.connectionConfig().values().forEach(field -> field.source().filter(source -> source.place() == place)
                .ifPresent(source -> values.put(source.parameter(), source.rawFor(field.example().orElse("example")))));
        return values;
    }

    private void refuse(HttpExchange exchange, int status, String error) throws IOException {
        refused.incrementAndGet();
        send(exchange, status, "{\"error\":\"" + error + "\",\"error_description\":\"refused by the sandbox\"}");
    }

    // ---- API --------------------------------------------------------------------------------------------

    private void api(HttpExchange exchange) throws IOException {
        apiRequests.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        if (injectFault(exchange)) {
            return;
        }
        if (!authorized(exchange)) {
            send(exchange, 401, "{\"errors\":[{\"title\":\"unauthorized\"}]}");
            return;
        }
        Instant now = now();
        long window = Duration.between(origin, now).toMillis() / options.window().toMillis();
        int used = windows.computeIfAbsent(window, w -> new AtomicInteger()).incrementAndGet();
        Instant reset = origin.plus(options.window().multipliedBy(window + 1));
        int remaining = Math.max(0, options.requestsPerWindow() - used);
        announce(exchange, remaining, reset, now);
        if (used > options.requestsPerWindow()) {
            throttled.incrementAndGet();
            long seconds = Math.max(1, (Duration.between(now, reset).toMillis() + 999) / 1000);
            blueprint.rateLimit().retryAfter().stream().findFirst()
                    .ifPresent(header -> exchange.getResponseHeaders().set(header, Long.toString(seconds)));
            Optional<RateLimitConfig.BodySignal> signal = blueprint.rateLimit().body();
            if (signal.isPresent()) {
                // The API throttles in the payload (GraphQL): its status and its words, at its pointer.
                send(exchange, signal.get().statuses().get(0), BodySignals.throttled(signal.get(), reset, now));
                return;
            }
            int status = blueprint.rateLimit().statuses().stream().filter(s -> s == 429).findFirst()
                    .orElse(blueprint.rateLimit().statuses().isEmpty() ? 429 : blueprint.rateLimit().statuses().get(0));
            send(exchange, status, "{\"errors\":[{\"title\":\"rate limited\"}]}");
            return;
        }
        if (blueprint.pagination().isPresent()) {
            // Every path is a list, paged the way the blueprint says the API pages.
            Lists.Page page = Lists.page(blueprint.pagination().get(), params(exchange.getRequestURI().getRawQuery()),
                    URI.create(baseUri() + exchange.getRequestURI().getRawPath()));
            page.link().ifPresent(link -> exchange.getResponseHeaders().set("Link", link));
            send(exchange, 200, page.body());
            return;
        }
        String path = exchange.getRequestURI().getPath().substring("/api".length());
        send(exchange, 200, "{\"data\":[{\"id\":1,\"type\":\"item\"},{\"id\":2,\"type\":\"item\"}],\"path\":\"" + path + "\"}");
    }

    private boolean injectFault(HttpExchange exchange) throws IOException {
        if (faults.latencyMillis() > 0) {
            sleep(faults.latencyMillis());
        }
        if (faults.takeReset()) {
            faulted.incrementAndGet();
            exchange.close();
            return true;
        }
        if (faults.takeStall()) {
            faulted.incrementAndGet();
            sleep(30_000); // the client times out first; close() of the sandbox interrupts this
            exchange.close();
            return true;
        }
        if (faults.takeError()) {
            faulted.incrementAndGet();
            send(exchange, faults.errorStatus(), "{\"errors\":[{\"title\":\"injected failure\"}]}");
            return true;
        }
        return false;
    }

    private boolean authorized(HttpExchange exchange) {
        AuthConfig auth = blueprint.auth();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth instanceof OAuthConfig oauth) {
            String prefix = oauth.client().accessTokenPrefix(); // "Bearer ", or the API's own word (Zoho-oauthtoken)
            if (authorization == null || !authorization.startsWith(prefix)) {
                return false;
            }
            Instant expiry = accessTokens.get(authorization.substring(prefix.length()));
            return expiry != null && now().isBefore(expiry);
        }
        if (auth instanceof ApiKeyConfig key) {
            return key.placement() == ApiKeyConfig.Placement.HEADER
                    ? exchange.getRequestHeaders().getFirst(key.name()) != null
                    : params(exchange.getRequestURI().getRawQuery()).containsKey(key.name());
        }
        if (auth instanceof AuthConfig.Basic) {
            return authorization != null && authorization.startsWith("Basic ");
        }
        if (auth instanceof AuthConfig.Bearer) {
            return authorization != null && authorization.startsWith("Bearer ");
        }
        return true;
    }

    /**
     * Rate-limit headers exactly as the blueprint names and formats them; the IETF fields too when the blueprint's
     * own headers cannot tell a window's end and it reads IETF fields.
     */
    private void announce(HttpExchange exchange, int remaining, Instant reset, Instant now) {
        RateLimitConfig rateLimit = blueprint.rateLimit();
        var headers = exchange.getResponseHeaders();
        rateLimit.limit().ifPresent(name -> headers.set(name, Integer.toString(options.requestsPerWindow())));
        rateLimit.remaining().ifPresent(name -> headers.set(name, rateLimit.remainingFormat() == RateLimitConfig.RemainingFormat.USED_OF_LIMIT
                ? (options.requestsPerWindow() - remaining) + "/" + options.requestsPerWindow() // Shopify's used/limit
                : Integer.toString(remaining)));
        rateLimit.reset().ifPresent(r -> headers.set(r.header(), formatReset(r.format(), reset, now)));
        boolean paceable = rateLimit.remaining().isPresent() && rateLimit.reset().isPresent();
        if (!paceable && rateLimit.ietfHeaders()) {
            long seconds = Math.max(0, (Duration.between(now, reset).toMillis() + 999) / 1000);
            headers.set("RateLimit", "\"default\";r=" + remaining + ";t=" + seconds);
            headers.set("RateLimit-Policy", "\"default\";q=" + options.requestsPerWindow() + ";w=" + options.window().toSeconds());
        }
    }

    static String formatReset(ResetFormat format, Instant reset, Instant now) {
        return switch (format) {
            case EPOCH_MILLIS -> Long.toString(reset.toEpochMilli());
            case DELTA_SECONDS -> Long.toString(Math.max(0, (Duration.between(now, reset).toMillis() + 999) / 1000));
            case HTTP_DATE -> DateTimeFormatter.RFC_1123_DATE_TIME.format(reset.atOffset(ZoneOffset.UTC).withNano(0).plusSeconds(1));
            case EPOCH_SECONDS, AUTO -> Long.toString((reset.toEpochMilli() + 999) / 1000);
        };
    }

    // ---- plumbing ---------------------------------------------------------------------------------------

    private Instant now() {
        return options.clock().instant();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Decodes a query string or form body ({@code a=1&b=2}) into its parameters, e.g. a callback URL's for {@code completeAuthorization}. */
    public static Map<String, String> params(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    /** Flat JSON objects of strings, which is all token requests send. */
    private static Map<String, String> json(String body) {
        Map<String, String> fields = new HashMap<>();
        Matcher matcher = JSON_FIELD.matcher(body);
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        return fields;
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
