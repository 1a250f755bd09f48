package dev.blueprint;

/** Every attempt the retry policy allowed failed; the cause is the last failure. */
public class RetriesExhaustedException extends BlueprintException {
    private final transient RequestContext context;
    private final int attempts;

    public RetriesExhaustedException(RequestContext context, int attempts, BlueprintException lastFailure) {
        super("retries_exhausted", context + " failed after " + attempts + " attempts; last: " + lastFailure.getMessage(), lastFailure);
        this.context = context;
        this.attempts = attempts;
    }

    public RequestContext context() {
        return context;
    }

    /** Attempts made, the first included. */
    public int attempts() {
        return attempts;
    }
}
