package dev.blueprint;

import java.util.Objects;

/**
 * Which call an error belongs to. The URL is redacted: sensitive query parameters show as {@code ██}.
 *
 * @param integration  the integration's name
 * @param connectionId the connection's id
 * @param method       the HTTP method
 * @param redactedUrl  the URL with secrets removed
 */
public record RequestContext(String integration, String connectionId, String method, String redactedUrl) {
    public RequestContext {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(redactedUrl, "redactedUrl");
    }

    @Override
    public String toString() {
        return integration + "/" + connectionId + " " + method + " " + redactedUrl;
    }
}
