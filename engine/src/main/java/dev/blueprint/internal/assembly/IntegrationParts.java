package dev.blueprint.internal.assembly;

import dev.blueprint.internal.http.ApiCaller;
import dev.blueprint.internal.oauth.AuthorizationFlow;
import dev.blueprint.internal.oauth.OAuthTokenSource;
import dev.blueprint.spi.CredentialStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One integration, assembled: what its public {@link dev.blueprint.Integration} hands out or delegates to.
 *
 * @param caller            sends its API requests
 * @param authorization     the authorization code flow, for {@code oauth2}
 * @param clientCredentials the token source of an {@code oauth2_client_credentials} integration, which can fetch a
 *                          connection's first token by itself
 * @param refreshMargin     how long before expiry tokens are renewed; zero without OAuth
 * @param store             the engine's credential store
 * @param clock             the engine's clock
 */
public record IntegrationParts(ApiCaller caller, Optional<AuthorizationFlow> authorization, Optional<OAuthTokenSource> clientCredentials,
                               Duration refreshMargin, CredentialStore store, Clock clock) {
    public IntegrationParts {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(clientCredentials, "clientCredentials");
        Objects.requireNonNull(refreshMargin, "refreshMargin");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
    }
}
