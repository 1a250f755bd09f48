package dev.blueprint.spi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the engine's waits (backoff, rate-limit pacing) without blocking a thread. Tests inject a
 * virtual-time implementation so no test waits in real time.
 */
public interface Scheduler {
    /** A future completed once {@code delay} has passed; completed at once for zero or negative delays. */
    CompletableFuture<Void> after(Duration delay);
}
