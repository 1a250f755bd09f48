package dev.blueprint.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualTimeTest {
    private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void waitsOnOneThreadAddUp() {
        ManualTime time = new ManualTime(START);
        time.instant();
        time.after(Duration.ofSeconds(2)).join();
        time.instant();
        time.after(Duration.ofSeconds(3)).join();
        assertThat(time.instant()).isEqualTo(START.plusSeconds(5));
        assertThat(time.waits()).isEqualTo(2);
        assertThat(time.waited()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void threadsWaitingForTheSameResetOverlapAsInRealTime() throws Exception {
        ManualTime time = new ManualTime(START);
        int threads = 8;
        CountDownLatch allRead = new CountDownLatch(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> waits = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                waits.add(pool.submit(() -> {
                    Duration untilReset = Duration.between(time.instant(), START.plusSeconds(2));
                    allRead.countDown();
                    allRead.await();
                    return time.after(untilReset).join();
                }));
            }
            for (Future<?> wait : waits) {
                wait.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(time.instant()).isEqualTo(START.plusSeconds(2));
        assertThat(time.waits()).isEqualTo(threads);
    }

    @Test
    void aWaitWithoutAFreshReadingStillMovesTheClock() {
        ManualTime time = new ManualTime(START);
        time.after(Duration.ofSeconds(1)).join();
        time.after(Duration.ofSeconds(1)).join();
        assertThat(time.instant()).isEqualTo(START.plusSeconds(2));
    }
}
