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
 *
 * <p>Waits on different threads overlap, as they do in real time: a wait ends at the instant the waiting thread last
 * read plus the delay, so eight threads that each wait 2s for the same reset move the clock by 2s, not 16s.
 */
public final class ManualTime extends Clock implements Scheduler {
    private volatile Instant now;
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong waitedNanos = new AtomicLong();
    // The instant each thread last read; consumed by its next wait so a stale reading can stall progress only once.
    private final ThreadLocal<Instant> lastRead = new ThreadLocal<>();

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
            Instant from = lastRead.get();
            Instant end = (from == null ? now : from).plus(delay);
            if (end.isAfter(now)) {
                now = end;
            }
        }
        lastRead.remove();
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
        Instant current = now;
        lastRead.set(current);
        return current;
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
