package dev.blueprint.internal.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A response body read into memory within bounds: at most {@code maxBytes} (a declared Content-Length beyond it is
 * refused before a byte is read) and before the attempt's deadline (the HTTP client's own timeout stops at the
 * headers, so a provider sending a byte a second would otherwise hold the call forever). Either breach cancels the
 * subscription, which closes the connection, and fails the body: {@link TooLarge}, or {@link HttpTimeoutException}.
 */
final class BoundedBody<T> implements HttpResponse.BodySubscriber<T> {
    /**
     * Deadlines run in real time, like the network they bound, on one daemon thread for the JVM (not the engine's
     * scheduler, which tests replace with virtual time). Cancelled deadlines are removed, so finished bodies are not
     * held until their deadline passes.
     */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    /** The body was larger than allowed; an {@link IOException} so the HTTP client passes it through as a cause. */
    static final class TooLarge extends IOException {
        private final long limit;

        TooLarge(long limit) {
            super("the response body is larger than the limit of " + limit + " bytes");
            this.limit = limit;
        }

        long limit() {
            return limit;
        }
    }

    private final HttpResponse.BodySubscriber<T> inner;
    private final long maxBytes;
    private final long declaredLength;
    private final CompletableFuture<T> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;
    private volatile ScheduledFuture<?> deadline;
    private long received; // onNext calls are serialised by the publisher

    private BoundedBody(HttpResponse.BodySubscriber<T> inner, long maxBytes, long declaredLength) {
        this.inner = inner;
        this.maxBytes = maxBytes;
        this.declaredLength = declaredLength;
        inner.getBody().whenComplete((value, failure) -> {
            if (failure != null) {
                body.completeExceptionally(failure);
            } else {
                body.complete(value);
            }
        });
        body.whenComplete((value, failure) -> cancelDeadline());
    }

    /** {@code inner}, bounded in size and by {@code deadlineNanos} on {@link System#nanoTime()}. */
    static <T> HttpResponse.BodyHandler<T> handler(HttpResponse.BodyHandler<T> inner, long maxBytes, long deadlineNanos) {
        return info -> {
            long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
            BoundedBody<T> bounded = new BoundedBody<>(inner.apply(info), maxBytes, declared);
            long remaining = Math.max(0, deadlineNanos - System.nanoTime());
            bounded.deadline = DEADLINES.schedule(bounded::expire, remaining, TimeUnit.NANOSECONDS);
            if (bounded.body.isDone()) {
                bounded.cancelDeadline();
            }
            return bounded;
        };
    }

    @Override
    public CompletionStage<T> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (body.isDone()) {
            subscription.cancel(); // the deadline passed before the body began
            return;
        }
        if (declaredLength > maxBytes) {
            fail(new TooLarge(maxBytes)); // refused before a byte is read
            return;
        }
        inner.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            received += item.remaining();
        }
        if (received > maxBytes) {
            fail(new TooLarge(maxBytes));
            return;
        }
        inner.onNext(items);
    }

    @Override
    public void onError(Throwable failure) {
        inner.onError(failure);
    }

    @Override
    public void onComplete() {
        if (!body.isDone()) {
            inner.onComplete();
        }
    }

    private void expire() {
        fail(new HttpTimeoutException("the response body did not arrive within the request's timeout"));
    }

    private void fail(IOException why) {
        if (body.completeExceptionally(why)) {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel(); // stops the transfer and closes the connection
            }
        }
    }

    private void cancelDeadline() {
        ScheduledFuture<?> pending = deadline;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "blueprint-io-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
