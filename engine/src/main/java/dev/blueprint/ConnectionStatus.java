package dev.blueprint;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a connection stands, as {@link Integration#connections()} lists it.
 *
 * @param connectionId   the connection
 * @param state          ok, expires soon (the access token expires within the refresh margin), or needs reauthorization
 * @param accessTokenExpiresAt when the access token expires, if known
 * @param reason         why it needs reauthorization, if it does
 * @param config         its connection_config values, given or learned while connecting, sorted by name (they are
 *                       not secrets: a blueprint's templates put them in URLs)
 */
public record ConnectionStatus(String connectionId, State state, Optional<Instant> accessTokenExpiresAt, Optional<String> reason,
                               Map<String, String> config) {
    public enum State { OK, EXPIRES_SOON, NEEDS_REAUTHORIZATION }

    public ConnectionStatus {
        config = java.util.Collections.unmodifiableMap(new TreeMap<>(config));
    }

    /** A status without connection_config values. */
    public ConnectionStatus(String connectionId, State state, Optional<Instant> accessTokenExpiresAt, Optional<String> reason) {
        this(connectionId, state, accessTokenExpiresAt, reason, Map.of());
    }
}
