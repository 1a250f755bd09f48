package dev.blueprint.internal.http;

import dev.blueprint.BlueprintException;
import dev.blueprint.internal.redact.Redactor;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: integration, connection, method, redacted URL, status or failure, duration without the
 * rate-limit wait, attempt, and that wait. Successful requests log at DEBUG, others at INFO; TRACE adds the request
 * headers, sensitive ones masked.
 */
final class LogStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger("dev.blueprint.http");

    private final Calls calls;

    LogStage(Calls calls) {
        this.calls = calls;
    }

    @Override
    public <T> CompletableFuture<Outcome<T>> handle(Call<T> call, Exchange exchange, Chain next) {
        if (LOG.isTraceEnabled()) {
            LOG.trace("integration={} connection={} attempt={} headers={}", calls.integration(), call.connectionId(),
                    exchange.attempt(), headers(call, exchange));
        }
        long start = System.nanoTime();
        CompletableFuture<Outcome<T>> sent = next.proceed(call, exchange);
        if (sent.isDone() && !sent.isCompletedExceptionally()) {
            log(call, exchange, sent.join(), start); // a blocking call's answer is here already: no extra stage
            return sent;
        }
        return sent.whenComplete((outcome, broken) -> {
            if (outcome != null) {
                log(call, exchange, outcome, start);
            }
        });
    }

    private void log(Call<?> call, Exchange exchange, Outcome<?> outcome, long start) {
        boolean ok = !outcome.failed() && outcome.status() < 400;
        if (ok ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        long waitMillis = outcome.waited().toMillis();
        long millis = Math.max(0, (System.nanoTime() - start) / 1_000_000 - waitMillis);
        String result = outcome.failed() ? "failure=" + describe(outcome.failure()) : "status=" + outcome.status();
        String line = String.format("integration=%s connection=%s method=%s url=%s %s duration=%dms attempt=%d wait=%dms",
                calls.integration(), call.connectionId(), exchange.method(), calls.url(call, exchange), result,
                millis, exchange.attempt(), waitMillis);
        if (ok) {
            LOG.debug(line);
        } else {
            LOG.info(line);
        }
    }

    /** Request headers with sensitive ones and every secret value masked, for TRACE logging. */
    private String headers(Call<?> call, Exchange exchange) {
        StringBuilder out = new StringBuilder("{");
        for (var header : exchange.headers()) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(header.getKey()).append(": ")
                    .append(Redactor.secrets(calls.redactor().header(header.getKey(), header.getValue()), call.secrets()));
        }
        return out.append('}').toString();
    }

    /** The failure's type and code only: exception messages may quote values. */
    private static String describe(Throwable failure) {
        return failure instanceof BlueprintException known ? known.code() : failure.getClass().getSimpleName();
    }
}
