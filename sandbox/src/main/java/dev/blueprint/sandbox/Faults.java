package dev.blueprint.sandbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Faults the sandbox injects into its next API responses; thread-safe. */
public final class Faults {
    private final AtomicInteger stalls = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger resets = new AtomicInteger();
    private final AtomicLong latencyMillis = new AtomicLong();
    private volatile int errorStatus = 503;

    /** The next {@code count} API requests get no response until the client gives up. */
    public Faults stallNext(int count) {
        stalls.addAndGet(count);
        return this;
    }

    /** The next {@code count} API requests get {@code status} (a 5xx burst). */
    public Faults failNext(int count, int status) {
        errorStatus = status;
        errors.addAndGet(count);
        return this;
    }

    /** The next {@code count} API requests have their connection closed without a response. */
    public Faults resetNext(int count) {
        resets.addAndGet(count);
        return this;
    }

    /** Every API response waits this long first. */
    public Faults latency(Duration latency) {
        latencyMillis.set(latency.toMillis());
        return this;
    }

    boolean takeStall() {
        return take(stalls);
    }

    boolean takeError() {
        return take(errors);
    }

    boolean takeReset() {
        return take(resets);
    }

    int errorStatus() {
        return errorStatus;
    }

    long latencyMillis() {
        return latencyMillis.get();
    }

    private static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
