package dev.blueprint.internal.http;

import dev.blueprint.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Waiting, the way a call waits: on the engine's scheduler, and for a blocking call on the caller's own thread, which
 * then continues the call itself.
 */
final class Waits {
    private final Scheduler scheduler;

    Waits(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** A pause of {@code delay}. */
    CompletableFuture<Void> pause(Call<?> call, Duration delay) {
        CompletableFuture<Void> done = scheduler.after(delay);
        if (call.blocking()) {
            done.join();
        }
        return done;
    }

    /**
     * Waits for another request's answer. A blocking call waits on its own thread; otherwise the caller continues on
     * the pool, never on the thread that delivered the answer.
     */
    CompletableFuture<Void> awaitAnswer(Call<?> call, CompletableFuture<Void> answered) {
        if (call.blocking()) {
            answered.join();
            return CompletableFuture.completedFuture(null);
        }
        return answered.thenRunAsync(() -> { });
    }
}
