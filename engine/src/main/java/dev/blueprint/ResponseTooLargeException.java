package dev.blueprint;

/**
 * A response body was larger than the integration allows ({@code requests.max_response_bytes}, or
 * {@code max_token_response_bytes} for the token endpoint). It was refused while being read, before it could use up
 * memory, and the request is not repeated. Use {@link ApiRequest#stream()} for large downloads. Code
 * {@code response_too_large}.
 */
public class ResponseTooLargeException extends BlueprintException {
    private final transient RequestContext context;
    private final long limit;

    public ResponseTooLargeException(RequestContext context, long limit) {
        super("response_too_large", context + " answered with a body larger than the limit of " + limit + " bytes");
        this.context = context;
        this.limit = limit;
    }

    public RequestContext context() {
        return context;
    }

    /** The limit, in bytes. */
    public long limit() {
        return limit;
    }
}
