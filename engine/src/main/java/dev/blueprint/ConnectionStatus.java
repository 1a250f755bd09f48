package dev.blueprint;

import java.time.Instant;
import java.util.Optional;

/**
 * How a connection stands, as {@link Integration#connections()} lists it.
 *
 * @param connectionId   the connection
 * @param state          ok, expires soon (the access token expires within the refresh margin), or needs reauthorization
 * @param accessTokenExpiresAt when the access token expires, if known
 * @param reason         why it needs reauthorization, if it does
 */
public record ConnectionStatus(String connectionId, State state, Optional<Instant> accessTokenExpiresAt, Optional<String> reason) {
    public enum State { OK, EXPIRES_SOON, NEEDS_REAUTHORIZATION }
}
