package dev.blueprint.internal.http;

import dev.blueprint.Credentials;
import dev.blueprint.MissingCredentialsException;
import dev.blueprint.model.ApiKeyConfig;
import dev.blueprint.model.AuthConfig;
import dev.blueprint.model.ClientCredentialsConfig;
import dev.blueprint.model.OAuth2Config;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * Puts the connection's credentials on the request as the blueprint's auth mode says. Runs per attempt, so a
 * token refreshed during a long backoff is the one sent. OAuth tokens come from the stored connection; the
 * token source with refresh plugs in here.
 */
final class AuthenticateStage implements Stage {
    @Override
    public <T> CompletableFuture<HttpResponse<T>> handle(Call<T> call, Exchange exchange, Chain<T> next) {
        return next.proceed(authenticate(call, exchange));
    }

    private static Exchange authenticate(Call<?> call, Exchange exchange) {
        AuthConfig auth = call.runtime().config().blueprint().auth();
        if (auth instanceof AuthConfig.None || call.crossOrigin(exchange.uri())) {
            // Credentials are for the API's origin only; a redirect elsewhere goes without them.
            return exchange;
        }
        if (auth instanceof OAuth2Config || auth instanceof ClientCredentialsConfig) {
            // The token manager refreshes within the margin, once for any number of concurrent callers.
            dev.blueprint.Secret token = call.runtime().tokens().orElseThrow()
                    .accessToken(call.connectionId(), call.rejectedToken());
            call.usedToken(token);
            return exchange.withHeader("Authorization", "Bearer " + token.reveal());
        }
        Credentials credentials = call.connection() == null ? null : call.connection().credentials();
        if (auth instanceof AuthConfig.Bearer) {
            Credentials.Bearer bearer = require(call, credentials, Credentials.Bearer.class, "a bearer token");
            return exchange.withHeader("Authorization", "Bearer " + bearer.token().reveal());
        }
        if (auth instanceof AuthConfig.Basic) {
            Credentials.Basic basic = require(call, credentials, Credentials.Basic.class, "a username and password");
            String pair = basic.username() + ":" + basic.password().reveal();
            return exchange.withHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        ApiKeyConfig apiKey = (ApiKeyConfig) auth;
        Credentials.ApiKey key = require(call, credentials, Credentials.ApiKey.class, "an API key");
        String value = apiKey.prefix() + key.key().reveal();
        if (apiKey.placement() == ApiKeyConfig.Placement.HEADER) {
            return exchange.withHeader(apiKey.name(), value);
        }
        String separator = exchange.uri().getRawQuery() == null ? "?" : "&";
        return exchange.withUri(URI.create(exchange.uri() + separator
                + RenderStage.encodeUrlPart(apiKey.name()) + "=" + RenderStage.encodeUrlPart(value)));
    }

    private static <C extends Credentials> C require(Call<?> call, Credentials credentials, Class<C> type, String what) {
        if (type.isInstance(credentials)) {
            return type.cast(credentials);
        }
        String has = credentials == null ? "no stored credentials" : "credentials of another kind";
        throw new MissingCredentialsException(call.runtime().name(), call.connectionId(),
                "has " + has + "; auth mode " + call.runtime().config().blueprint().auth().mode() + " needs " + what);
    }
}
