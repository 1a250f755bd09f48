package dev.blueprint.store;

import dev.blueprint.spi.RenewalLock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Renewal locks within one process, one per connection: a thread that wants to renew waits for the one renewing.
 * Stores shared across processes take this first, so that a process's threads queue here rather than in the
 * database or on the file system.
 */
public final class RenewalLocks {
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Waits until this process's right to renew the connection is held. */
    public RenewalLock acquire(String integration, String connectionId) {
        ReentrantLock lock = locks.computeIfAbsent(integration + "\u0000" + connectionId, key -> new ReentrantLock());
        lock.lock();
        return lock::unlock;
    }

    @Override
    public String toString() {
        return "RenewalLocks[" + locks.size() + " connections]";
    }
}
