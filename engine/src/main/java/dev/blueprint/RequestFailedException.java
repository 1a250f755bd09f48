package dev.blueprint;

/**
 * A request got no response: a timeout, a refused or reset connection. Code {@code timeout} or
 * {@code connection}.
 */
public class RequestFailedException extends BlueprintException {
    private final transient RequestContext context;

    public RequestFailedException(String code, RequestContext context, String what, Throwable cause) {
        super(code, context + " " + what, cause);
        this.context = context;
    }

    public RequestContext context() {
        return context;
    }
}
