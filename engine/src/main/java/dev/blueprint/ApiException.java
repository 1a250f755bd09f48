package dev.blueprint;

import java.net.http.HttpHeaders;

/** The API answered with an error status (4xx or 5xx) that was not, or no longer, retried. */
public class ApiException extends BlueprintException {
    private final transient RequestContext context;
    private final int status;
    private final String bodyExcerpt;
    private final transient HttpHeaders headers;

    public ApiException(RequestContext context, int status, HttpHeaders headers, String bodyExcerpt) {
        super("http_" + status, context + " returned " + status + (bodyExcerpt.isEmpty() ? "" : ": " + bodyExcerpt));
        this.context = context;
        this.status = status;
        this.headers = headers;
        this.bodyExcerpt = bodyExcerpt;
    }

    public RequestContext context() {
        return context;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The start of the response body, with secrets redacted; empty when there was none. */
    public String bodyExcerpt() {
        return bodyExcerpt;
    }

    /** The response headers. */
    public HttpHeaders headers() {
        return headers;
    }
}
