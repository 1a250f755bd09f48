package dev.blueprint.internal.oauth;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads an engine renews tokens on for callers that must not block. A renewal blocks (the store's renewal lock,
 * the token endpoint), so it gets a thread of its own, but only one per connection being renewed: requests waiting for
 * it hold none. At most {@link #MAX_THREADS} renew at once (more wait in the queue); idle threads end after
 * {@link #IDLE_SECONDS} seconds, so an engine that never renews asynchronously has none.
 */
public final class RenewalThreads {
    public static final int MAX_THREADS = 4;
    static final long IDLE_SECONDS = 30;

    private RenewalThreads() {
    }

    /** A renewal waiting for a thread, which must still answer its callers if the engine closes first. */
    public interface Task extends Runnable {
        /** Fails the renewal's callers: it will never run. */
        void abandon(RuntimeException why);
    }

    /**
     * Stops the threads (a running renewal is interrupted, which fails it) and fails every renewal still waiting in
     * the queue, so no caller of {@code sendAsync()} waits forever for an engine that is gone.
     */
    public static void close(ExecutorService executor) {
        for (Runnable dropped : executor.shutdownNow()) {
            if (dropped instanceof Task task) {
                task.abandon(new java.util.concurrent.RejectedExecutionException("the engine was closed before the token renewal ran"));
            }
        }
    }

    /** A new executor; whoever creates it closes it with {@link #close}. */
    public static ExecutorService create() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "blueprint-renewal-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
