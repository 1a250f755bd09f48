package dev.blueprint.observe;

/**
 * Sees each attempt of each API call just before it is sent (authentication, rate-limit pacing and retries already
 * applied) and once it is answered: add headers, time attempts, inspect responses. Interceptors run in the order they
 * were registered on the way out and in reverse on the way back, on the calling thread; they must be thread-safe. An
 * exception thrown by one fails the attempt like a connection error would. Token requests are not intercepted.
 */
public interface Interceptor {
    /** Before the attempt is sent; may set headers. */
    default void beforeAttempt(InterceptedRequest request) {
    }

    /** After the attempt was answered, or failed. */
    default void afterAttempt(InterceptedRequest request, InterceptedResponse response) {
    }
}
