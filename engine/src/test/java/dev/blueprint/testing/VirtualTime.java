package dev.blueprint.testing;

import dev.blueprint.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock and scheduler in virtual time: every wait completes at once and moves the clock forward by its
 * length, and is recorded so tests can assert what the engine waited for. No test sleeps.
 */
public final class VirtualTime extends Clock implements Scheduler {
    private volatile Instant now;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    public VirtualTime(Instant start) {
        this.now = start;
    }

    public VirtualTime() {
        this(Instant.parse("2026-11-28T12:00:00Z"));
    }

    @Override
    public synchronized CompletableFuture<Void> after(Duration delay) {
        if (!delay.isNegative() && !delay.isZero()) {
            waits.add(delay);
            now = now.plus(delay);
        }
        return CompletableFuture.completedFuture(null);
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Every positive wait, in order. */
    public List<Duration> waits() {
        return List.copyOf(waits);
    }

    public Duration totalWait() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
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
