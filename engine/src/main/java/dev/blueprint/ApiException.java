package dev.blueprint;

import java.net.http.HttpHeaders;
import java.util.Optional;

/** The API answered with an error status (4xx or 5xx) that was not, or no longer, retried. */
public class ApiException extends BlueprintException {
    private final transient RequestContext context;
    private final int status;
    private final String bodyExcerpt;
    private final transient HttpHeaders headers;
    private final String providerMessage;
    private final String providerCode;

    public ApiException(RequestContext context, int status, HttpHeaders headers, String bodyExcerpt) {
        this(context, status, headers, bodyExcerpt, Optional.empty(), Optional.empty());
    }

    /**
     * @param providerMessage the API's own message, read where the blueprint's {@code errors.message} points (redacted)
     * @param providerCode    the API's own error code, read where {@code errors.code} points
     */
    public ApiException(RequestContext context, int status, HttpHeaders headers, String bodyExcerpt,
                        Optional<String> providerMessage, Optional<String> providerCode) {
        super("http_" + status, context + " returned " + status + providerCode.map(code -> " " + code).orElse("")
                + providerMessage.or(() -> Optional.of(bodyExcerpt).filter(e -> !e.isEmpty())).map(text -> ": " + text).orElse(""));
        this.context = context;
        this.status = status;
        this.headers = headers;
        this.bodyExcerpt = bodyExcerpt;
        this.providerMessage = providerMessage.orElse(null);
        this.providerCode = providerCode.orElse(null);
    }

    /** The API's own message, where the blueprint says error bodies carry one ({@code errors.message}); secrets masked. */
    public Optional<String> providerMessage() {
        return Optional.ofNullable(providerMessage);
    }

    /** The API's own error code ({@code errors.code}), such as {@code invalid_request_error} or {@code NOT_FOUND}. */
    public Optional<String> providerCode() {
        return Optional.ofNullable(providerCode);
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
