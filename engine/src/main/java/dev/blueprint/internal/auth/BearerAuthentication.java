package dev.blueprint.internal.auth;

import dev.blueprint.Credentials;
import dev.blueprint.Secret;
import dev.blueprint.spi.StoredConnection;
import java.util.Optional;

/** {@code auth.mode: bearer}: a static token stored per connection. */
public final class BearerAuthentication implements Authenticator {
    private final String integration;

    public BearerAuthentication(String integration) {
        this.integration = integration;
    }

    @Override
    public AppliedCredential credential(String connectionId, Optional<StoredConnection> connection, Secret rejected) {
        Credentials.Bearer bearer = StoredCredentials.require(integration, "bearer", connectionId, connection,
                Credentials.Bearer.class, "a bearer token");
        Applied last = recent;
        if (last != null && last.token() == bearer.token()) {
            return last.header(); // the same stored token as the last request: the header is built already
        }
        AppliedCredential header = new AppliedCredential.Header("Authorization", "Bearer " + bearer.token().reveal(), Optional.empty());
        recent = new Applied(bearer.token(), header);
        return header;
    }

    /** The header last built, and the token object it was built from (compared by identity). */
    private record Applied(Secret token, AppliedCredential header) {
        @Override
        public String toString() {
            return "Applied[***]";
        }
    }

    private volatile Applied recent;
}
