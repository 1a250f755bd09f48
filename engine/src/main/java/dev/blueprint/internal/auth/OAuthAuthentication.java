package dev.blueprint.internal.auth;

import dev.blueprint.Secret;
import dev.blueprint.spi.StoredConnection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The OAuth modes: a bearer access token from the token source, which refreshes it within the margin (once for any
 * number of concurrent callers) or when a 401 refused it. Asked per attempt, so a token refreshed during a long
 * backoff is the one sent.
 */
public final class OAuthAuthentication implements Authenticator {
    private final TokenSource tokens;
    private final String prefix;

    public OAuthAuthentication(TokenSource tokens) {
        this(tokens, "Bearer ");
    }

    /** @param prefix what precedes the token in the Authorization header ({@code auth.token_prefix}) */
    public OAuthAuthentication(TokenSource tokens, String prefix) {
        this.tokens = tokens;
        this.prefix = prefix;
    }

    @Override
    public AppliedCredential credential(String connectionId, Optional<StoredConnection> connection, Secret rejected) {
        return header(tokens.accessToken(connectionId, rejected));
    }

    @Override
    public CompletableFuture<AppliedCredential> credentialAsync(String connectionId, Optional<StoredConnection> connection,
                                                                Secret rejected) {
        return tokens.accessTokenAsync(connectionId, rejected)
                .thenApply(this::header);
    }

    private AppliedCredential header(Secret token) {
        return new AppliedCredential.Header("Authorization", prefix + token.reveal(), Optional.of(token));
    }
}
