package dev.blueprint.internal.http;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * One step of the request pipeline. A stage may change the exchange, call {@code next} (once, or once per
 * attempt for the retry stage), and inspect or replace the response. The stages and their order are listed
 * in one place: {@link Pipeline}.
 */
public interface Stage {
    <T> CompletableFuture<HttpResponse<T>> handle(Call<T> call, Exchange exchange, Chain<T> next);

    /** Continues the pipeline with the stages after the current one. */
    interface Chain<T> {
        CompletableFuture<HttpResponse<T>> proceed(Exchange exchange);
    }
}
