package dev.blueprint.internal.http;

import dev.blueprint.Secret;
import dev.blueprint.internal.auth.AppliedCredential;
import dev.blueprint.internal.auth.Authenticator;
import dev.blueprint.internal.url.UrlTemplate;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Puts the connection's credentials on each attempt the way the integration's {@link Authenticator} says, so a token
 * refreshed during a long backoff is the one sent. Reactive refresh: when the API answers 401 to an OAuth token, that
 * token is renewed and the request repeated once, so a grant that keeps failing surfaces instead of looping.
 * Requests to another origin (a redirect elsewhere) go without credentials. For {@code sendAsync} the credential
 * comes as a future: a renewal it waits for holds no thread.
 */
final class AuthenticateStage implements Stage {
    private final Authenticator authenticator;

    AuthenticateStage(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public <T> CompletableFuture<Outcome<T>> handle(Call<T> call, Exchange exchange, Chain next) {
        if (exchange.crossOrigin()) {
            return next.proceed(call, exchange);
        }
        // A caller that waits anyway renews on its own thread; any other gets its token as a stage, holding no thread.
        return credential(call, null).thenCompose(credential -> next.proceed(call, apply(exchange, credential)).thenCompose(outcome -> {
            if (outcome.status() != 401 || credential.refreshableToken().isEmpty()) {
                return CompletableFuture.completedFuture(outcome);
            }
            Bodies.discard(outcome.response());
            Secret rejected = credential.refreshableToken().get();
            return credential(call, rejected).thenCompose(renewed -> next.proceed(call, apply(exchange, renewed)));
        }));
    }

    private CompletableFuture<AppliedCredential> credential(Call<?> call, Secret rejected) {
        if (call.blocking()) {
            return CompletableFuture.completedFuture(authenticator.credential(call.connectionId(), call.connection(), rejected));
        }
        return authenticator.credentialAsync(call.connectionId(), call.connection(), rejected);
    }

    private static Exchange apply(Exchange exchange, AppliedCredential credential) {
        if (credential instanceof AppliedCredential.Header header) {
            return exchange.withHeader(header.name(), header.value());
        }
        if (credential instanceof AppliedCredential.QueryParameter parameter) {
            String separator = exchange.uri().getRawQuery() == null ? "?" : "&";
            return exchange.withUri(URI.create(exchange.uri() + separator
                    + UrlTemplate.encode(parameter.name()) + "=" + UrlTemplate.encode(parameter.value())));
        }
        return exchange;
    }
}
