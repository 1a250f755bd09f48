package dev.blueprint.time;

import dev.blueprint.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scheduler} in real time: one daemon timer thread ({@code blueprint-timer}) that completes waits, never
 * runs callers' work. An engine built without {@link dev.blueprint.BlueprintEngine.Builder#scheduler} owns one and closes it with
 * itself; create your own to share one timer between engines, and close it when done.
 */
public final class TimerScheduler implements Scheduler, AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "blueprint-timer");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public CompletableFuture<Void> after(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        timer.schedule(() -> done.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
        return done;
    }

    /** Stops the timer thread; waits not yet over never complete. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    @Override
    public String toString() {
        return "TimerScheduler[" + (timer.isShutdown() ? "closed" : "running") + "]";
    }
}
