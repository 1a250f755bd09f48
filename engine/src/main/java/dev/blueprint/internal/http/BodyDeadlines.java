package dev.blueprint.internal.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches the deadlines of bodies being read, on one daemon thread for the JVM ({@code blueprint-io-deadlines}) that
 * checks them every {@link #TICK_MILLIS} ms while any is watched and sleeps otherwise. Watching is a set insertion and
 * forgetting a removal: a timer task per body cost each request a wake-up of the timer thread (the queue was empty
 * again after every answer), several microseconds of another thread's CPU per request. A deadline is met at most one
 * tick late, which is nothing next to the seconds an attempt's timeout is.
 */
final class BodyDeadlines {
    static final long TICK_MILLIS = 100;
    static final BodyDeadlines SHARED = new BodyDeadlines();

    /** What is watched: its deadline on {@link System#nanoTime()}, and what happens when it passes. */
    interface Watched {
        long deadlineNanos();

        void expire();
    }

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor timer;

    private BodyDeadlines() {
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "blueprint-io-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    void watch(Watched body) {
        watched.add(body);
        if (ticking.compareAndSet(false, true)) {
            timer.schedule(this::tick, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    void forget(Watched body) {
        watched.remove(body);
    }

    /** How many are watched now (for tests). */
    int watching() {
        return watched.size();
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            for (Watched body : watched) {
                if (now - body.deadlineNanos() >= 0 && watched.remove(body)) {
                    try {
                        body.expire();
                    } catch (RuntimeException e) {
                        // one body's failure must not stop the others' deadlines
                    }
                }
            }
        } finally {
            // Even after an Error: a flag left on would stop every deadline in the JVM.
            // Off first, then look: a body watched after the look finds the flag off and starts the next tick itself.
            ticking.set(false);
            if (!watched.isEmpty() && ticking.compareAndSet(false, true)) {
                timer.schedule(this::tick, TICK_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }
}
