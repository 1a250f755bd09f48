package dev.blueprint.store;

import dev.blueprint.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.CRC32;

/**
 * Waiting for a lock another process holds, where nothing can signal its release: try, pause, try again with longer
 * pauses, and give up with a clear error after a bound. Shared by the stores' renewal locks (SQLite's byte-range
 * locks, PostgreSQL's advisory locks).
 */
public final class LockPolling {
    private LockPolling() {
    }

    /** One try at the lock. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        /** The held lock, or null when another holds it now. */
        T tryOnce() throws E;
    }

    /**
     * What {@code attempt} returns once it holds the lock.
     *
     * @param what   names the wait in errors: "connection 'c1' of 'acme'"
     * @param pause  the first pause; each later one doubles, up to {@code maxPause}
     * @throws StoreException when the lock is not free within {@code maxWait}, or the thread is interrupted
     */
    public static <T, E extends Exception> T await(Attempt<T, E> attempt, String what, Duration maxWait, Duration pause,
                                                   Duration maxPause) throws E {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pauseMillis = pause.toMillis();
        while (true) {
            T held = attempt.tryOnce();
            if (held != null) {
                return held;
            }
            if (System.nanoTime() > deadline) {
                throw new StoreException(what + " has been renewed by another process for more than " + maxWait + "; try again", null);
            }
            try {
                Thread.sleep(pauseMillis); // another process holds it; nothing here can wake us but time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting to renew a token", e);
            }
            pauseMillis = Math.min(pauseMillis * 2, maxPause.toMillis());
        }
    }

    /** A stable hash of one connection, for lock keys: two connections rarely share one, and then only wait for each other. */
    public static long key(String integration, String connectionId) {
        CRC32 crc = new CRC32();
        crc.update((integration + "\u0000" + connectionId).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
