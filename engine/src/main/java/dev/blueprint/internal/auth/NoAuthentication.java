package dev.blueprint.internal.auth;

import dev.blueprint.Secret;
import dev.blueprint.spi.StoredConnection;
import java.util.Optional;

/** {@code auth.mode: none}. */
public final class NoAuthentication implements Authenticator {
    @Override
    public AppliedCredential credential(String connectionId, Optional<StoredConnection> connection, Secret rejected) {
        return new AppliedCredential.None();
    }
}
