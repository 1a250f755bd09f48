package dev.blueprint.internal.oauth;

import dev.blueprint.Credentials;
import dev.blueprint.spi.StoredConnection;

/** How a connection's access token is renewed: by its refresh token, or by asking for new client credentials. */
public interface Renewal {
    /**
     * New tokens for {@code connection}, whose current ones are {@code current}; blocks on the token endpoint.
     *
     * @throws dev.blueprint.ReauthorizationRequiredException when the grant is gone and only the user can help
     */
    Credentials.OAuth2Tokens renew(StoredConnection connection, Credentials.OAuth2Tokens current);
}
