package dev.blueprint.internal.http;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory within bounds: at most {@code maxBytes} (a declared Content-Length beyond it is
 * refused before a byte is read) and before the attempt's deadline (the HTTP client's own timeout stops at the
 * headers, so a provider sending a byte a second would otherwise hold the call forever). Either breach cancels the
 * subscription, which closes the connection, and fails the body: {@link TooLarge}, or {@link HttpTimeoutException}.
 */
final class BoundedBody<T> implements HttpResponse.BodySubscriber<T>, BodyDeadlines.Watched {
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
    private final CompletableFuture<T> body = new CompletableFuture<>();
    private final long deadlineNanos;
    private volatile Flow.Subscription subscription;
    private long received; // onNext calls are serialised by the publisher

    private BoundedBody(HttpResponse.BodySubscriber<T> inner, long maxBytes, long declaredLength, long deadlineNanos) {
        this.inner = inner;
        this.maxBytes = maxBytes;
        this.declaredLength = declaredLength;
        this.deadlineNanos = deadlineNanos;
        inner.getBody().whenComplete((value, failure) -> {
            if (failure != null) {
                body.completeExceptionally(failure);
            } else {
                body.complete(value);
            }
        });
        body.whenComplete((value, failure) -> DEADLINES.forget(this));
    }

    /** {@code inner}, bounded in size and by {@code deadlineNanos} on {@link System#nanoTime()}. */
    static <T> HttpResponse.BodyHandler<T> handler(HttpResponse.BodyHandler<T> inner, long maxBytes, long deadlineNanos) {
        return info -> {
            long declared = declaredLength(HeaderValues.first(info.headers(), "content-length"));
            BoundedBody<T> bounded = new BoundedBody<>(inner.apply(info), maxBytes, declared, deadlineNanos);
            if (System.nanoTime() - deadlineNanos >= 0) {
                bounded.expire();
            } else if (!bounded.body.isDone()) {
                DEADLINES.watch(bounded);
                if (bounded.body.isDone()) {
                    DEADLINES.forget(bounded); // finished while being watched: its own forget may have run first
                }
            }
            return bounded;
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

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public void expire() {
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
}
