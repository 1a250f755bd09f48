package dev.blueprint.sandbox;

import dev.blueprint.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock and a {@link Scheduler} in virtual time, for tests: every wait completes at once and moves the clock
 * forward by its length. Give the same instance to the engine ({@code clock}, {@code scheduler}) and to the
 * sandbox ({@link SandboxOptions#withClock}) and no test waits in real time for a reset or an expiry.
 */
public final class ManualTime extends Clock implements Scheduler {
    private volatile Instant now;
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong waitedNanos = new AtomicLong();

    public ManualTime(Instant start) {
        this.now = start;
    }

    public ManualTime() {
        this(Instant.parse("2026-11-28T12:00:00Z"));
    }

    @Override
    public synchronized CompletableFuture<Void> after(Duration delay) {
        if (delay.compareTo(Duration.ZERO) > 0) {
            waits.incrementAndGet();
            waitedNanos.addAndGet(delay.toNanos());
            now = now.plus(delay);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Moves the clock forward without counting a wait. */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Waits the engine asked for so far. */
    public long waits() {
        return waits.get();
    }

    public Duration waited() {
        return Duration.ofNanos(waitedNanos.get());
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
