package dev.blueprint.internal.http;

import dev.blueprint.internal.text.HeaderValues;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A response body read into memory within bounds: at most {@code maxBytes} (a declared Content-Length beyond it is
 * refused before a byte is read) and before the attempt's deadline (the HTTP client's own timeout stops at the
 * headers, so a provider sending a byte a second would otherwise hold the call forever). Either breach cancels the
 * subscription, which closes the connection, and fails the body: {@link TooLarge}, or {@link HttpTimeoutException}.
 *
 * <p>It reaches the HTTP client through {@link HttpResponse.BodySubscribers#fromSubscriber}, not as a body subscriber
 * of its own: java.net.http completes a subscriber it did not make on its executor, one more thread hand-off per
 * response (5 µs of CPU per request, measured in RemoteOverhead), while the adapter it makes itself completes inline.
 * The engine buffers bodies with subscribers that finish on {@code onComplete} (strings), which the adapter needs.
 */
final class BoundedBody<T> implements Flow.Subscriber<List<ByteBuffer>>, BodyDeadlines.Watched {
    /**
     * Deadlines run in real time, like the network they bound (not on the engine's scheduler, which tests replace with
     * virtual time). A finished body is forgotten at once, so it is not held until its deadline passes.
     */
    private static final BodyDeadlines DEADLINES = BodyDeadlines.SHARED;

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
    private final long deadlineNanos;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile HttpResponse.BodySubscriber<T> adapter; // what the HTTP client holds; set before it is handed out
    private volatile Flow.Subscription subscription;
    private long received; // onNext calls are serialised by the publisher

    private BoundedBody(HttpResponse.BodySubscriber<T> inner, long maxBytes, long declaredLength, long deadlineNanos) {
        this.inner = inner;
        this.maxBytes = maxBytes;
        this.declaredLength = declaredLength;
        this.deadlineNanos = deadlineNanos;
    }

    /** {@code inner}, bounded in size and by {@code deadlineNanos} on {@link System#nanoTime()}. */
    static <T> HttpResponse.BodyHandler<T> handler(HttpResponse.BodyHandler<T> inner, long maxBytes, long deadlineNanos) {
        return info -> {
            long declared = declaredLength(HeaderValues.first(info.headers(), "content-length"));
            BoundedBody<T> bounded = new BoundedBody<>(inner.apply(info), maxBytes, declared, deadlineNanos);
            bounded.adapter = HttpResponse.BodySubscribers.fromSubscriber(bounded, BoundedBody::result);
            if (System.nanoTime() - deadlineNanos >= 0) {
                bounded.expire();
            } else {
                DEADLINES.watch(bounded);
                if (bounded.finished.get()) {
                    DEADLINES.forget(bounded); // finished while being watched: its own forget may have run first
                }
            }
            return bounded.adapter;
        };
    }

    /** The Content-Length the answer declares, or -1 (absent or not a number: the count while reading still holds). */
    private static long declaredLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The adapter's finisher, called after {@link #onComplete}: the inner subscriber's body, which is done by then. */
    private T result() {
        CompletableFuture<T> body = inner.getBody().toCompletableFuture();
        if (!body.isDone()) {
            // Never block the HTTP client's thread: a failed or unfinished body fails the adapter instead.
            throw new IllegalStateException("the response body did not complete");
        }
        return body.join();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (finished.get()) {
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
        if (finished.get()) {
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
        if (finished.compareAndSet(false, true)) {
            DEADLINES.forget(this);
            inner.onError(failure);
        }
    }

    @Override
    public void onComplete() {
        if (finished.compareAndSet(false, true)) {
            DEADLINES.forget(this);
            inner.onComplete();
        }
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public void expire() {
        fail(new HttpTimeoutException("the response body did not arrive within the request's timeout"));
    }

    private void fail(IOException why) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        DEADLINES.forget(this);
        try {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel(); // stops the transfer and closes the connection
            }
        } finally {
            // Fails the body the HTTP client waits for (it comes back here as a no-op). The inner subscriber hears
            // nothing more: the client's thread may still be inside its onNext.
            adapter.onError(why);
        }
    }
}
