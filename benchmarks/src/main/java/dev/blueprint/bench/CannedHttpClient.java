package dev.blueprint.bench;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/** An HttpClient that answers every request at once with 200 "{}": isolates the engine's own CPU cost. */
final class CannedHttpClient extends HttpClient {
    private static final HttpHeaders JSON = HttpHeaders.of(Map.of("content-type", List.of("application/json")), (a, b) -> true);

    /** The headers a real API sends with its answer: a content type and the rate-limit headers, never throttling. */
    static final HttpHeaders API = HttpHeaders.of(Map.of("content-type", List.of("application/json"),
            "x-ratelimit-limit", List.of("1000000"), "x-ratelimit-remaining", List.of("999999"),
            "x-ratelimit-reset", List.of("1893456000")), (a, b) -> true);

    private final HttpHeaders headers;

    CannedHttpClient() {
        this(JSON);
    }

    CannedHttpClient(HttpHeaders headers) {
        this.headers = headers;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(new HttpResponse.ResponseInfo() {
            public int statusCode() { return 200; }
            public HttpHeaders headers() { return headers; }
            public Version version() { return Version.HTTP_1_1; }
        });
        subscriber.onSubscribe(new Flow.Subscription() {
            public void request(long n) { }
            public void cancel() { }
        });
        subscriber.onNext(List.of(ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8))));
        subscriber.onComplete();
        T body = subscriber.getBody().toCompletableFuture().join();
        return new Response<>(request, body, headers);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return CompletableFuture.completedFuture(send(request, handler));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return sendAsync(request, handler);
    }

    private record Response<T>(HttpRequest request, T body, HttpHeaders headers) implements HttpResponse<T> {
        public int statusCode() { return 200; }
        public Optional<HttpResponse<T>> previousResponse() { return Optional.empty(); }
        public Optional<SSLSession> sslSession() { return Optional.empty(); }
        public java.net.URI uri() { return request.uri(); }
        public Version version() { return Version.HTTP_1_1; }
    }

    public Optional<CookieHandler> cookieHandler() { return Optional.empty(); }
    public Optional<Duration> connectTimeout() { return Optional.empty(); }
    public Redirect followRedirects() { return Redirect.NEVER; }
    public Optional<ProxySelector> proxy() { return Optional.empty(); }
    public SSLContext sslContext() { return null; }
    public SSLParameters sslParameters() { return null; }
    public Optional<Authenticator> authenticator() { return Optional.empty(); }
    public Version version() { return Version.HTTP_1_1; }
    public Optional<Executor> executor() { return Optional.empty(); }
}
