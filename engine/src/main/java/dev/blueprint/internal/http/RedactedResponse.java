package dev.blueprint.internal.http;

import dev.blueprint.internal.redact.Redactor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;

/**
 * The response callers get: the JDK's, except that {@code toString()} shows the URL redacted. The JDK prints the
 * full URI there, and an API key in the query (or a secret the caller put there) would reach every log line that
 * prints a response. The redaction happens only when something prints it.
 */
final class RedactedResponse<T> implements HttpResponse<T> {
    private final HttpResponse<T> response;
    private final Redactor redactor;
    private final Supplier<Set<String>> secrets; // computed only if toString() is called

    RedactedResponse(HttpResponse<T> response, Redactor redactor, Supplier<Set<String>> secrets) {
        this.response = response;
        this.redactor = redactor;
        this.secrets = secrets;
    }

    @Override
    public int statusCode() {
        return response.statusCode();
    }

    @Override
    public HttpRequest request() {
        return response.request();
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
        return response.previousResponse();
    }

    @Override
    public HttpHeaders headers() {
        return response.headers();
    }

    @Override
    public T body() {
        return response.body();
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return response.sslSession();
    }

    @Override
    public URI uri() {
        return response.uri();
    }

    @Override
    public HttpClient.Version version() {
        return response.version();
    }

    @Override
    public String toString() {
        return "(" + response.request().method() + " " + Redactor.secrets(redactor.url(response.uri()), secrets.get()) + ") "
                + response.statusCode();
    }
}
