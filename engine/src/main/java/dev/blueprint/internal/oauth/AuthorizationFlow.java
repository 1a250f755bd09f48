package dev.blueprint.internal.oauth;

import dev.blueprint.AuthorizationRequest;
import dev.blueprint.OAuthException;
import dev.blueprint.internal.template.Template;
import dev.blueprint.internal.url.ConnectionValues;
import dev.blueprint.internal.url.UrlTemplate;
import dev.blueprint.model.ConnectionField;
import dev.blueprint.model.ConnectionValueSource;
import dev.blueprint.model.OAuth2Config;
import dev.blueprint.spi.CredentialStore;
import dev.blueprint.spi.StoredConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The authorization code flow (RFC 6749 §4.1) with PKCE S256 (RFC 7636) unless the blueprint turns it off.
 * Each state is usable once and expires after {@link #STATE_TTL}.
 */
public final class AuthorizationFlow {
    static final Duration STATE_TTL = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Pending(String connectionId, String redirectUri, String verifier, Map<String, String> config, Instant expiresAt) {
        @Override
        public String toString() {
            return "Pending[" + connectionId + "]";
        }
    }

    private final String integration;
    private final OAuth2Config oauth;
    private final Map<String, ConnectionField> fields;
    private final UrlTemplate authorizationUrl;
    private final Map<String, Template> authorizationParams = new LinkedHashMap<>();
    private final LearnedValues learned;
    private final String clientId;
    private final List<String> scopes;
    private final AuthorizationCodeGrant grant;
    private final CredentialStore store;
    private final Clock clock;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * @param clientId the integration's {@code oauth_client_id} ({@code ""} when missing: the provider says so)
     * @param scopes   the scopes to request
     * @param fields   the blueprint's connection_config fields: values for the templates, and those learned here
     */
    public AuthorizationFlow(String integration, OAuth2Config oauth, Map<String, ConnectionField> fields, String clientId,
                             List<String> scopes, AuthorizationCodeGrant grant, CredentialStore store, Clock clock) {
        this.integration = integration;
        this.oauth = oauth;
        this.fields = Map.copyOf(fields);
        this.authorizationUrl = new UrlTemplate("auth.authorization_url", oauth.authorizationUrl(), fields);
        oauth.authorizationParams().forEach((name, value) -> authorizationParams.put(name, Template.compile(value)));
        this.learned = new LearnedValues(integration, fields);
        this.clientId = clientId;
        this.scopes = List.copyOf(scopes);
        this.grant = grant;
        this.store = store;
        this.clock = clock;
    }

    /**
     * The URL to send the user to, for a connection with these connection_config values (the others are learned
     * when the callback arrives).
     *
     * @throws IllegalArgumentException naming a field that is not declared, is learned while connecting, is missing
     *                                  from an authorization URL or parameter that needs it, or does not match its pattern
     */
    public AuthorizationRequest start(String connectionId, URI redirectUri, Map<String, String> connectionConfig) {
        ConnectionValues.checkGiven(integration, fields, connectionConfig);
        connectionConfig.keySet().stream().filter(name -> fields.get(name).learned()).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("connection_config." + name + " is learned from "
                    + fields.get(name).source().orElseThrow().from() + " while connecting; do not give it");
        });
        URI base = authorizationUrl.render(connectionConfig);
        Map<String, String> extra = new LinkedHashMap<>();
        authorizationParams.forEach((name, template) -> extra.put(name, template.render(
                ConnectionValues.of("auth.authorization_params." + name, template.variables(), fields, connectionConfig), v -> v)));
        String state = random(32);
        String verifier = oauth.pkce() ? random(48) : null;
        Instant expiresAt = clock.instant().plus(STATE_TTL);
        pending.put(state, new Pending(connectionId, redirectUri.toString(), verifier, Map.copyOf(connectionConfig), expiresAt));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri.toString());
        if (!scopes.isEmpty()) {
            params.put("scope", String.join(oauth.scopeSeparator(), scopes));
        }
        params.put("state", state);
        if (verifier != null) {
            params.put("code_challenge", challenge(verifier));
            params.put("code_challenge_method", "S256");
        }
        params.putAll(extra);
        String query = params.entrySet().stream()
                .map(e -> UrlTemplate.encode(e.getKey()) + "=" + UrlTemplate.encode(e.getValue())).collect(Collectors.joining("&"));
        String url = base.toString();
        return new AuthorizationRequest(URI.create(url + (url.contains("?") ? "&" : "?") + query), state, expiresAt);
    }

    /**
     * Completes the flow from the callback's query parameters: learns the values the callback carries, exchanges the
     * code, learns those the token response carries, and stores the connection; returns its id. Nothing is stored
     * when any step fails.
     */
    public String complete(Map<String, String> callback) {
        String state = callback.get("state");
        if (state == null || state.isEmpty()) {
            throw new OAuthException(integration, "invalid_state", "the callback has no state parameter");
        }
        Pending request = pending.remove(state); // once: a replayed callback finds nothing
        if (request == null) {
            throw new OAuthException(integration, "invalid_state", "the callback's state matches no pending authorization (mismatched or already used)");
        }
        if (!clock.instant().isBefore(request.expiresAt())) {
            throw new OAuthException(integration, "invalid_state", "the authorization expired at " + request.expiresAt() + "; start again");
        }
        String error = callback.get("error");
        if (error != null) {
            String code = error.matches("[a-z_]{1,64}") ? error : "authorization_error";
            String description = callback.get("error_description");
            throw new OAuthException(integration, code,
                    description == null ? "the provider refused the authorization" : TokenEndpoint.providerText(description));
        }
        String code = callback.get("code");
        if (code == null || code.isEmpty()) {
            throw new OAuthException(integration, "invalid_request", "the callback has neither a code nor an error");
        }
        Map<String, String> config = new HashMap<>(request.config());
        config.putAll(learned.from(ConnectionValueSource.Place.CALLBACK, callback));
        Granted granted = grant.exchange(code, request.redirectUri(), request.verifier(), config);
        config.putAll(learned.from(ConnectionValueSource.Place.TOKEN_RESPONSE, granted.tokenResponseMembers()));
        store.save(new StoredConnection(integration, request.connectionId(), config, granted.tokens()));
        return request.connectionId();
    }

    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String random(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
