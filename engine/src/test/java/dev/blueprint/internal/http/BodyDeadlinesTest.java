package dev.blueprint.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shared body-deadline watcher: a passed deadline expires its body within a tick; a finished body is let go. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class BodyDeadlinesTest {
    private static final class Body implements BodyDeadlines.Watched {
        final long deadline;
        final CountDownLatch expired = new CountDownLatch(1);
        final AtomicInteger expiries = new AtomicInteger();

        Body(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public long deadlineNanos() {
            return deadline;
        }

        @Override
        public void expire() {
            expiries.incrementAndGet();
            expired.countDown();
        }
    }

    @Test
    void aPassedDeadlineExpiresItsBodyOnceAndOnlyThatOne() throws Exception {
        Body late = new Body(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
        Body early = new Body(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
        BodyDeadlines.SHARED.watch(late);
        BodyDeadlines.SHARED.watch(early);

        assertThat(late.expired.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(late.expiries).hasValue(1);
        assertThat(early.expiries).hasValue(0);
        BodyDeadlines.SHARED.forget(early);
    }

    @Test
    void theWatcherStartsAgainAfterItWentQuiet() throws Exception {
        // Each round leaves the set empty, so the ticking stops; the next body must start it again.
        for (int round = 0; round < 3; round++) {
            Body body = new Body(System.nanoTime());
            BodyDeadlines.SHARED.watch(body);
            assertThat(body.expired.await(10, TimeUnit.SECONDS)).as("round %d", round).isTrue();
        }
    }

    @Test
    void finishedBodiesAreForgottenAtOnce() {
        int before = BodyDeadlines.SHARED.watching();
        Body[] bodies = new Body[1_000];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = new Body(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
            BodyDeadlines.SHARED.watch(bodies[i]);
        }
        assertThat(BodyDeadlines.SHARED.watching()).isEqualTo(before + 1_000);
        for (Body body : bodies) {
            BodyDeadlines.SHARED.forget(body);
        }
        assertThat(BodyDeadlines.SHARED.watching()).isEqualTo(before);
    }
}
