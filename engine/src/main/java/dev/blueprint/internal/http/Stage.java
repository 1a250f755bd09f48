package dev.blueprint.internal.http;

import java.util.concurrent.CompletableFuture;

/**
 * One step of the request pipeline. A stage may change the exchange, call {@code next} (once, or once per attempt
 * for the retry stage, once per hop for the redirect stage), and inspect or replace the outcome it returns. Failures
 * travel up as outcomes, not exceptions. The stages and their order are listed in one place: {@link Pipeline}.
 */
public interface Stage {
    <T> CompletableFuture<Outcome<T>> handle(Call<T> call, Exchange exchange, Chain next);

    /**
     * Continues the pipeline with the stages after the current one, for the call the stage was handed. One chain per
     * position in the pipeline, made once: a call allocates none.
     */
    interface Chain {
        <T> CompletableFuture<Outcome<T>> proceed(Call<T> call, Exchange exchange);
    }
}
