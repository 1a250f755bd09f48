package dev.blueprint.postgres;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link PostgresBackend} uses the database.
 *
 * @param encryptionKey  encrypts token values at rest (the {@code BLUEPRINT_ENCRYPTION_KEY} setting), if present
 * @param password       for URLs without one (the {@code PGPASSWORD} setting)
 * @param lockTimeout    how long an update waits for another process's lock on a connection (a refresh in
 *                       progress) before it fails with a clear error
 * @param holderTimeout  how long a process may hold a connection's lock while idle in its transaction before the
 *                       server ends its session: a holder that hangs cannot keep a connection "refreshing" forever
 * @param poolSize       database connections per process
 * @param windowEdge     no request takes a budget slot this close to a window's end (at most half the window): the
 *                       longest a request may take from taking its slot to reaching the provider, or it counts
 *                       against the next window
 */
public record PostgresOptions(Optional<String> encryptionKey, Optional<String> password, Duration lockTimeout,
                              Duration holderTimeout, int poolSize, Duration windowEdge) {
    public PostgresOptions {
        Objects.requireNonNull(encryptionKey, "encryptionKey");
        Objects.requireNonNull(password, "password");
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("lockTimeout must be positive, got " + lockTimeout);
        }
        if (holderTimeout.compareTo(lockTimeout) < 0) {
            throw new IllegalArgumentException("holderTimeout must be at least lockTimeout, got " + holderTimeout);
        }
        if (poolSize < 2) {
            throw new IllegalArgumentException("poolSize must be at least 2, got " + poolSize);
        }
        if (windowEdge.isNegative()) {
            throw new IllegalArgumentException("windowEdge must not be negative, got " + windowEdge);
        }
    }

    /** No encryption, 30 s lock timeout, 2 min holder timeout, 8 connections, 100 ms window edge. */
    public static PostgresOptions defaults() {
        return new PostgresOptions(Optional.empty(), Optional.empty(), Duration.ofSeconds(30), Duration.ofMinutes(2), 8,
                Duration.ofMillis(100));
    }

    public PostgresOptions withWindowEdge(Duration edge) {
        return new PostgresOptions(encryptionKey, password, lockTimeout, holderTimeout, poolSize, edge);
    }

    public PostgresOptions withEncryptionKey(Optional<String> key) {
        return new PostgresOptions(key, password, lockTimeout, holderTimeout, poolSize, windowEdge);
    }

    public PostgresOptions withPassword(Optional<String> newPassword) {
        return new PostgresOptions(encryptionKey, newPassword, lockTimeout, holderTimeout, poolSize, windowEdge);
    }

    /** Sets the lock timeout; the holder timeout grows with it when needed. */
    public PostgresOptions withLockTimeout(Duration timeout) {
        Duration holder = holderTimeout.compareTo(timeout) < 0 ? timeout.multipliedBy(4) : holderTimeout;
        return new PostgresOptions(encryptionKey, password, timeout, holder, poolSize, windowEdge);
    }

    @Override
    public String toString() {
        // The key and the password never print.
        return "PostgresOptions[encrypted=" + encryptionKey.isPresent() + ", lockTimeout=" + lockTimeout
                + ", holderTimeout=" + holderTimeout + ", poolSize=" + poolSize + ", windowEdge=" + windowEdge + "]";
    }
}
