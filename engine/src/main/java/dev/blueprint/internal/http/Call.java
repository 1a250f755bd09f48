package dev.blueprint.internal.http;

import dev.blueprint.internal.ratelimit.ConnectionLimiter;
import dev.blueprint.observe.CallScope;
import dev.blueprint.spi.StoredConnection;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What stays the same across the attempts and hops of one call; immutable. What changes per attempt travels in the
 * {@link Exchange} (down) and the {@link Outcome} (up).
 *
 * @param connectionId the connection, or {@code -} for a token request
 * @param connection   the connection as stored when the call started; empty when there is none
 * @param bodyHandler  how the response body is read
 * @param maxBodyBytes for a body read into memory, its limit, and the attempt's deadline covers it too; empty for a
 *                     streamed body, which the caller reads and bounds
 * @param secretSource secret values of this connection, masked wherever text leaves the engine; computed when first
 *                     needed (an error, a redirect, a logged header), so a successful call never builds the set
 * @param limiter      the rate-limit state this call reserves slots in
 * @param started      when the call started, on the engine's clock ({@code max_elapsed} counts from here)
 * @param blocking     whether the caller waits ({@code send()}): attempts then run on the caller's thread with a
 *                     blocking send, and waits block that thread, which is cheaper than hopping between pool threads
 * @param scope        hears the call's retries, waits and result
 */
public record Call<T>(String connectionId, Optional<StoredConnection> connection, HttpResponse.BodyHandler<T> bodyHandler,
                      OptionalLong maxBodyBytes, Supplier<Set<String>> secretSource, ConnectionLimiter limiter, Instant started,
                      boolean blocking, CallScope scope) {
    public Call {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(bodyHandler, "bodyHandler");
        Objects.requireNonNull(maxBodyBytes, "maxBodyBytes");
        secretSource = Once.of(Objects.requireNonNull(secretSource, "secretSource"));
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(scope, "scope");
    }

    /** The secret values (immutable), computed once per call. */
    public Set<String> secrets() {
        return secretSource.get();
    }

    @Override
    public String toString() {
        return "Call[" + connectionId + "]"; // secrets stay out
    }

    /**
     * Computes a value at most a few times and then keeps it: without a lock (Vavr's {@code Lazy} allocates one per
     * call), since computing the secret set twice in a race gives the same set.
     */
    private static final class Once<V> implements Supplier<V> {
        private final Supplier<V> source;
        private volatile V value;

        private Once(Supplier<V> source) {
            this.source = source;
        }

        static <V> Supplier<V> of(Supplier<V> source) {
            return source instanceof Once<V> once ? once : new Once<>(source);
        }

        @Override
        public V get() {
            V current = value;
            if (current == null) {
                current = source.get();
                value = current;
            }
            return current;
        }
    }
}
