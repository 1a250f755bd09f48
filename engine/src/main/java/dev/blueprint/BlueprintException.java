package dev.blueprint;

/**
 * The root of every error the engine throws. Unchecked; messages start with a stable code in brackets
 * such as {@code [configuration]} and never contain a secret.
 */
public class BlueprintException extends RuntimeException {
    private final String code;

    protected BlueprintException(String code, String message, Throwable cause) {
        super("[" + code + "] " + message, cause);
        this.code = code;
    }

    protected BlueprintException(String code, String message) {
        this(code, message, null);
    }

    /** The stable code of this error, e.g. {@code configuration}. */
    public String code() {
        return code;
    }
}
