package dev.blueprint.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blueprint.StoreException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The stores' wait for a renewal lock held by another process: tries again, then gives up with a named error. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LockPollingTest {
    @Test
    void returnsTheLockOnceAnAttemptGetsIt() {
        AtomicInteger tries = new AtomicInteger();
        String held = LockPolling.await(() -> tries.incrementAndGet() < 3 ? null : "lock", "connection 'c1' of 'acme'",
                Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMillis(2));
        assertThat(held).isEqualTo("lock");
        assertThat(tries).hasValue(3);
    }

    @Test
    void aLockNeverFreedIsAClearErrorAfterTheBound() {
        assertThatThrownBy(() -> LockPolling.await(() -> null, "connection 'c1' of 'acme'", Duration.ofMillis(50),
                Duration.ofMillis(1), Duration.ofMillis(5)))
                .isInstanceOf(StoreException.class)
                .hasMessageEndingWith("connection 'c1' of 'acme' has been renewed by another process for more than PT0.05S; try again");
    }

    @Test
    void anAttemptsOwnFailureIsPassedThrough() {
        assertThatThrownBy(() -> LockPolling.await(() -> {
            throw new java.io.IOException("disk gone");
        }, "x", Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofMillis(1))).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void anInterruptedWaitStopsWithAStoreExceptionAndKeepsTheInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> LockPolling.await(() -> null, "x", Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofMillis(1)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theKeyIsStableAndSeparatesIntegrationFromConnection() {
        assertThat(LockPolling.key("acme", "c1")).isEqualTo(LockPolling.key("acme", "c1"));
        assertThat(LockPolling.key("acme", "c1")).isNotEqualTo(LockPolling.key("acmec", "1"));
    }
}
