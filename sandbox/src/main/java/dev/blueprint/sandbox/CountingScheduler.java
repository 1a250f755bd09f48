package dev.blueprint.sandbox;

import dev.blueprint.spi.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the waits the engine asks for (rate-limit resets, backoff) and passes them on. */
final class CountingScheduler implements Scheduler {
    private final Scheduler delegate;
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong waitedNanos = new AtomicLong();

    CountingScheduler(Scheduler delegate) {
        this.delegate = delegate;
    }

    @Override
    public CompletableFuture<Void> after(Duration delay) {
        if (delay.compareTo(Duration.ZERO) > 0) {
            waits.incrementAndGet();
            waitedNanos.addAndGet(delay.toNanos());
        }
        return delegate.after(delay);
    }

    long waits() {
        return waits.get();
    }

    Duration waited() {
        return Duration.ofNanos(waitedNanos.get());
    }
}
