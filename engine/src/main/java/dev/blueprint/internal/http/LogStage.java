package dev.blueprint.internal.http;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per attempt: integration, connection, method, redacted URL, status or failure, duration, attempt,
 * and the time spent waiting for the rate limit. Successful attempts log at DEBUG, others at INFO.
 */
final class LogStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger("dev.blueprint.http");

    @Override
    public <T> CompletableFuture<HttpResponse<T>> handle(Call<T> call, Exchange exchange, Chain<T> next) {
        int attempt = call.startAttempt(exchange.method());
        call.lastUri(exchange.uri());
        if (LOG.isTraceEnabled()) {
            LOG.trace("integration={} connection={} attempt={} headers={}", call.runtime().name(), call.connectionId(), attempt,
                    headers(call, exchange));
        }
        call.lastWait(java.time.Duration.ZERO);
        long start = System.nanoTime();
        return next.proceed(exchange).whenComplete((response, failure) -> {
            long waitMillis = call.lastWait().toMillis();
            long millis = Math.max(0, (System.nanoTime() - start) / 1_000_000 - waitMillis);
            String outcome = response != null ? "status=" + response.statusCode() : "failure=" + describe(failure);
            boolean ok = response != null && response.statusCode() < 400;
            if (ok ? LOG.isDebugEnabled() : LOG.isInfoEnabled()) {
                String line = String.format("integration=%s connection=%s method=%s url=%s %s duration=%dms attempt=%d wait=%dms",
                        call.runtime().name(), call.connectionId(), exchange.method(),
                        call.runtime().redactor().url(exchange.uri()), outcome, millis, attempt, waitMillis);
                if (ok) {
                    LOG.debug(line);
                } else {
                    LOG.info(line);
                }
            }
        });
    }

    /** Request headers with sensitive values masked, for TRACE logging. */
    private static String headers(Call<?> call, Exchange exchange) {
        StringBuilder out = new StringBuilder("{");
        for (var header : exchange.headers()) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(header.getKey()).append(": ").append(call.runtime().redactor().header(header.getKey(), header.getValue()));
        }
        return out.append('}').toString();
    }

    /** The failure's type and code only: exception messages may quote values. */
    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof dev.blueprint.BlueprintException known ? known.code() : cause.getClass().getSimpleName();
    }
}
