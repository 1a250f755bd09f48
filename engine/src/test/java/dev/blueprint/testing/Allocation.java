package dev.blueprint.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/** Bounds the memory a piece of work allocates on the calling thread (refusing a bomb must not expand it). */
public final class Allocation {
    /** Allocation allowed for refusing one hostile file; expanding a bomb would take gigabytes. */
    public static final long HOSTILE_FILE_BOUND = 64L << 20;

    private Allocation() {
    }

    /** {@code work}'s result, asserting it allocated less than {@link #HOSTILE_FILE_BOUND} on this thread. */
    public static <T> T withinBound(Supplier<T> work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        T result = work.get();
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(allocated).as("bytes allocated refusing it").isLessThan(HOSTILE_FILE_BOUND);
        return result;
    }
}
