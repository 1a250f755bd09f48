package dev.blueprint.internal.auth;

import dev.blueprint.Credentials;
import dev.blueprint.MissingCredentialsException;
import dev.blueprint.spi.StoredConnection;
import java.util.Optional;

/** The stored credentials an auth mode needs, or an error saying what is missing. */
final class StoredCredentials {
    private StoredCredentials() {
    }

    static <C extends Credentials> C require(String integration, String mode, String connectionId,
                                             Optional<StoredConnection> connection, Class<C> type, String what) {
        Credentials credentials = connection.map(StoredConnection::credentials).orElse(null);
        if (type.isInstance(credentials)) {
            return type.cast(credentials);
        }
        String has = credentials == null ? "no stored credentials" : "credentials of another kind";
        throw new MissingCredentialsException(integration, connectionId, "has " + has + "; auth mode " + mode + " needs " + what);
    }
}
