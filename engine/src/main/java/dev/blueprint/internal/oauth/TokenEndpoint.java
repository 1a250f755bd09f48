package dev.blueprint.internal.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blueprint.OAuthException;
import dev.blueprint.Secret;
import dev.blueprint.internal.redact.Redactor;
import dev.blueprint.internal.template.Template;
import dev.blueprint.internal.url.ConnectionValues;
import dev.blueprint.internal.url.UrlTemplate;
import dev.blueprint.model.ConnectionField;
import dev.blueprint.model.ConnectionValueSource;
import dev.blueprint.model.OAuthClientConfig;
import dev.blueprint.model.TokenRequestAuth;
import dev.blueprint.model.TokenRequestFormat;
import dev.blueprint.observe.EngineObserver;
import dev.blueprint.observe.TokenRequestInfo;
import dev.blueprint.observe.TokenScope;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An integration's token endpoint: client authentication (client_secret_post or client_secret_basic), form or JSON
 * bodies, and error answers as {@link OAuthException} with the provider's code. Transient failures are retried by
 * the transport, under the integration's retry policy.
 */
public final class TokenEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Grant parameters whose values are secrets. */
    /** The longest lifetime a token response is taken to announce: a century. */
    private static final BigDecimal MAX_LIFETIME_SECONDS = BigDecimal.valueOf(Duration.ofDays(36_525).toSeconds());
    private static final Set<String> SECRET_PARAMETERS = Set.of("code", "code_verifier", "refresh_token", "client_secret");

    private final String integration;
    private final OAuthClientConfig client;
    private final UrlTemplate tokenUrl;
    private final Map<String, Template> tokenParams = new LinkedHashMap<>();
    private final Map<String, ConnectionField> fields;
    private final Set<String> learnedMembers; // token response members connection_config fields are learned from
    private final String clientId;
    private final String clientSecret;
    private final TokenTransport transport;
    private final EngineObserver observer;

    /** @param fields the blueprint's connection_config fields, for the token URL's values and the members to learn */
    public TokenEndpoint(String integration, OAuthClientConfig client, Map<String, ConnectionField> fields, Optional<String> clientId,
                         Optional<Secret> clientSecret, TokenTransport transport) {
        this(integration, client, fields, clientId, clientSecret, transport, EngineObserver.NONE);
    }

    /** @param observer hears each token request and how it ended */
    public TokenEndpoint(String integration, OAuthClientConfig client, Map<String, ConnectionField> fields, Optional<String> clientId,
                         Optional<Secret> clientSecret, TokenTransport transport, EngineObserver observer) {
        this.observer = observer;
        this.integration = integration;
        this.client = client;
        this.tokenUrl = new UrlTemplate("auth.token_url", client.tokenUrl(), fields);
        client.tokenParams().forEach((name, value) -> tokenParams.put(name, Template.compile(value)));
        this.fields = Map.copyOf(fields);
        this.learnedMembers = fields.values().stream().flatMap(field -> field.source().stream())
                .filter(source -> source.place() == ConnectionValueSource.Place.TOKEN_RESPONSE)
                .map(ConnectionValueSource::parameter).collect(Collectors.toUnmodifiableSet());
        this.clientId = clientId.orElse("");
        this.clientSecret = clientSecret.map(Secret::reveal).orElse("");
        this.transport = transport;
    }

    /**
     * Sends a token request with {@code grant} parameters to the token URL of a connection with these
     * connection_config values, and returns the tokens; blocks.
     *
     * @throws IllegalArgumentException before any request, when the token URL needs a value that is missing or refused
     */
    TokenResponse request(Map<String, String> grant, Map<String, String> connectionConfig) {
        URI url = tokenUrl.render(connectionConfig); // refused before anything is observed or sent
        String grantType = grant.getOrDefault("grant_type", "");
        TokenScope scope = observer.tokenRequestStarted(new TokenRequestInfo(integration, grantType));
        try {
            TokenResponse response = send(url, grant, connectionConfig);
            scope.finished(TokenScope.TokenResult.SUCCESS);
            return response;
        } catch (OAuthException e) {
            // A refused refresh token or code means the user must authorize again.
            scope.finished(e.code().equals("invalid_grant") ? TokenScope.TokenResult.REAUTHORIZATION_REQUIRED : TokenScope.TokenResult.FAILURE);
            throw e;
        } catch (RuntimeException e) {
            scope.finished(TokenScope.TokenResult.FAILURE);
            throw e;
        }
    }

    private TokenResponse send(URI url, Map<String, String> grant, Map<String, String> connectionConfig) {
        Map<String, String> params = new LinkedHashMap<>(grant);
        tokenParams.forEach((name, template) -> params.put(name, template.render(
                ConnectionValues.of("auth.token_params." + name, template.variables(), fields, connectionConfig), value -> value)));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Accept", "application/json"));
        Set<String> secrets = secrets(params);
        if (client.tokenRequestAuth() == TokenRequestAuth.CLIENT_SECRET_BASIC) {
            // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined.
            String pair = form(clientId) + ":" + form(clientSecret);
            secrets.add(pair);
            headers.add(Map.entry("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
        } else {
            params.put("client_id", clientId);
            if (!clientSecret.isEmpty()) {
                params.put("client_secret", clientSecret);
            }
        }
        byte[] body;
        if (client.tokenRequestFormat() == TokenRequestFormat.JSON) {
            ObjectNode json = JSON.createObjectNode();
            params.forEach(json::put);
            headers.add(Map.entry("Content-Type", "application/json"));
            body = json.toString().getBytes(StandardCharsets.UTF_8);
        } else {
            headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
            body = params.entrySet().stream().map(e -> form(e.getKey()) + "=" + form(e.getValue()))
                    .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
        }
        return read(transport.post(url, headers, body, secrets), secrets);
    }

    private Set<String> secrets(Map<String, String> params) {
        Set<String> secrets = new HashSet<>();
        if (!clientSecret.isEmpty()) {
            secrets.add(clientSecret);
        }
        params.forEach((name, value) -> {
            if (SECRET_PARAMETERS.contains(name) && !value.isEmpty()) {
                secrets.add(value);
            }
        });
        return secrets;
    }

    /** @param secrets what the request carried, masked wherever the provider's words quote it back */
    private TokenResponse read(HttpResponse<String> response, Set<String> secrets) {
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 400 || body.hasNonNull("error")) {
            String error = body.path("error").asText("");
            // Masked before it is shortened: a secret cut in half would not be recognised.
            String description = providerText(Redactor.secrets(body.path("error_description").asText(""), secrets));
            throw new OAuthException(integration, error.matches("[a-z_]{1,64}") ? error : "token_error",
                    error.isEmpty() ? "token endpoint answered " + response.statusCode() : description);
        }
        String accessToken = body.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new OAuthException(integration, "invalid_token_response", "the token response has no access_token");
        }
        Optional<Secret> refreshToken = Optional.ofNullable(body.get("refresh_token"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).filter(t -> !t.isEmpty()).map(Secret::of);
        Optional<Duration> expiresIn = Optional.ofNullable(body.get("expires_in")).flatMap(TokenEndpoint::lifetime);
        Map<String, String> learned = new HashMap<>();
        for (String member : learnedMembers) {
            JsonNode value = body.get(member);
            if (value != null && value.isValueNode() && !value.isNull()) {
                learned.put(member, value.asText());
            }
        }
        return new TokenResponse(Secret.of(accessToken), refreshToken, expiresIn, learned);
    }

    /**
     * {@code expires_in} (RFC 6749 §5.1) as the provider wrote it: a number or a numeric string. Saturated at a
     * century, so {@code 1e20} means "does not expire soon" rather than an overflow; a negative or unreadable value
     * is ignored (the blueprint's default lifetime applies).
     */
    static Optional<Duration> lifetime(JsonNode value) {
        BigDecimal seconds;
        if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
            seconds = value.doubleValue() > 0 ? MAX_LIFETIME_SECONDS : null;
        } else if (value.isNumber()) {
            seconds = value.decimalValue();
        } else if (value.isTextual() && value.asText().trim().matches("[0-9]{1,19}")) {
            seconds = new BigDecimal(value.asText().trim());
        } else {
            seconds = null;
        }
        if (seconds == null || seconds.signum() < 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(seconds.min(MAX_LIFETIME_SECONDS).setScale(0, RoundingMode.FLOOR).longValue()));
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw new OAuthException(integration, "invalid_token_response", "the token endpoint did not answer with a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new OAuthException(integration, "invalid_token_response", "the token endpoint answered with malformed JSON");
        }
    }

    /**
     * Error descriptions are the provider's words, or whoever wrote the callback URL: keep them short and on one
     * line, without control characters that could forge log lines or drive a terminal.
     */
    static String providerText(String description) {
        String value = description.replaceAll("\\p{Cntrl}+", " ");
        return value.length() > 200 ? value.substring(0, 200) + "…" : value;
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TokenEndpoint[" + integration + " " + tokenUrl.text() + "]";
    }
}
