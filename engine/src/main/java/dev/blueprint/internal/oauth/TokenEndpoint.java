package dev.blueprint.internal.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blueprint.OAuthException;
import dev.blueprint.RequestFailedException;
import dev.blueprint.RequestContext;
import dev.blueprint.Secret;
import dev.blueprint.internal.http.IntegrationRuntime;
import dev.blueprint.internal.ratelimit.Observation;
import dev.blueprint.model.RetryConfig;
import dev.blueprint.model.TokenRequestAuth;
import dev.blueprint.model.TokenRequestFormat;
import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Calls an integration's token endpoint: client authentication (client_secret_post or client_secret_basic),
 * form or JSON bodies, error responses as {@link OAuthException} with the provider's code, and transient
 * failures (5xx, timeouts, connection errors, 429 with Retry-After) retried under the integration's policy.
 */
final class TokenEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IntegrationRuntime runtime;
    private final URI tokenUrl;
    private final Map<String, String> extraParams;
    private final TokenRequestAuth clientAuth;
    private final TokenRequestFormat format;

    TokenEndpoint(IntegrationRuntime runtime, URI tokenUrl, Map<String, String> extraParams, TokenRequestAuth clientAuth,
                  TokenRequestFormat format) {
        this.runtime = runtime;
        this.tokenUrl = tokenUrl;
        this.extraParams = extraParams;
        this.clientAuth = clientAuth;
        this.format = format;
    }

    /** Sends a token request with {@code grant} parameters and returns the tokens; blocks. */
    TokenResponse request(Map<String, String> grant) {
        RetryConfig retry = runtime.config().blueprint().retry();
        Execution<HttpResponse<String>> execution = Execution.of(RetryPolicy.<HttpResponse<String>>builder()
                .withMaxAttempts(retry.maxAttempts())
                .withBackoff(retry.backoff().initial().isZero() ? Duration.ofMillis(1) : retry.backoff().initial(),
                        retry.backoff().max().compareTo(retry.backoff().initial()) > 0 ? retry.backoff().max() : retry.backoff().initial().plusMillis(1))
                // Token endpoints fail transiently like any API; a refused grant (400) is final.
                .handleResultIf(response -> response.statusCode() == 429 || response.statusCode() >= 500)
                .handleIf((response, failure) -> failure instanceof IOException)
                .build());
        while (true) {
            HttpResponse<String> response = null;
            IOException failure = null;
            try {
                response = runtime.httpClient().send(build(grant), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RequestFailedException("interrupted", context(), "was interrupted", e);
            }
            execution.record(response, failure);
            if (execution.isComplete()) {
                return outcome(response, failure);
            }
            runtime.scheduler().after(delay(execution, response)).join();
        }
    }

    private Duration delay(Execution<HttpResponse<String>> execution, HttpResponse<String> response) {
        if (response != null && response.statusCode() == 429) {
            Instant now = runtime.clock().instant();
            Observation observation = runtime.rateLimitReader().read(429, response.headers(), now);
            if (observation.waitUntil().isPresent()) {
                return Duration.between(now, observation.waitUntil().get());
            }
        }
        return execution.getDelay();
    }

    private TokenResponse outcome(HttpResponse<String> response, IOException failure) {
        if (failure != null) {
            String code = failure instanceof HttpTimeoutException ? "timeout" : "connection";
            throw new RequestFailedException(code, context(), "token request failed: " + failure.getClass().getSimpleName(), failure);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 400 || body.hasNonNull("error")) {
            String error = body.path("error").asText("");
            throw new OAuthException(runtime.name(), error.matches("[a-z_]{1,64}") ? error : "token_error",
                    error.isEmpty() ? "token endpoint answered " + response.statusCode() : text(body.path("error_description")));
        }
        String accessToken = body.path("access_token").asText("");
        if (accessToken.isEmpty()) {
            throw new OAuthException(runtime.name(), "invalid_token_response", "the token response has no access_token");
        }
        Optional<Secret> refreshToken = Optional.ofNullable(body.get("refresh_token"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).filter(t -> !t.isEmpty()).map(Secret::of);
        Optional<Duration> expiresIn = Optional.ofNullable(body.get("expires_in"))
                .filter(n -> n.isNumber() || n.asText().matches("[0-9]{1,10}"))
                .map(n -> Duration.ofSeconds(n.asLong()));
        return new TokenResponse(Secret.of(accessToken), refreshToken, expiresIn);
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            if (node == null || !node.isObject()) {
                throw new OAuthException(runtime.name(), "invalid_token_response", "the token endpoint did not answer with a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new OAuthException(runtime.name(), "invalid_token_response", "the token endpoint answered with malformed JSON");
        }
    }

    private static String text(JsonNode description) {
        return providerText(description.asText(""));
    }

    /**
     * Error descriptions are the provider's words, or whoever wrote the callback URL: keep them short and on one
     * line, without control characters that could forge log lines or drive a terminal.
     */
    static String providerText(String description) {
        String value = description.replaceAll("\\p{Cntrl}+", " ");
        return value.length() > 200 ? value.substring(0, 200) + "…" : value;
    }

    private HttpRequest build(Map<String, String> grant) {
        Map<String, String> params = new LinkedHashMap<>(grant);
        params.putAll(extraParams);
        String clientId = runtime.config().oauthClientId().orElse("");
        String secret = runtime.config().oauthClientSecret().map(Secret::reveal).orElse("");
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUrl)
                .timeout(runtime.config().blueprint().requests().timeout())
                .header("Accept", "application/json");
        if (clientAuth == TokenRequestAuth.CLIENT_SECRET_BASIC) {
            // RFC 6749 §2.3.1: id and secret are form-encoded before they are joined.
            String pair = form(clientId) + ":" + form(secret);
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            params.put("client_id", clientId);
            if (!secret.isEmpty()) {
                params.put("client_secret", secret);
            }
        }
        if (format == TokenRequestFormat.JSON) {
            ObjectNode json = JSON.createObjectNode();
            params.forEach(json::put);
            return request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.toString())).build();
        }
        String body = params.entrySet().stream().map(e -> form(e.getKey()) + "=" + form(e.getValue())).collect(Collectors.joining("&"));
        return request.header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private RequestContext context() {
        return new RequestContext(runtime.name(), "-", "POST", runtime.redactor().url(tokenUrl));
    }
}
