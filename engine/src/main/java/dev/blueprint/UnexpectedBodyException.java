package dev.blueprint;

/**
 * A response body, or an item of a page, that does not have the shape the caller asked for: not JSON, or JSON that
 * does not map to the type. The message names the request and the type and says what did not fit, briefly.
 */
public class UnexpectedBodyException extends BlueprintException {
    private final String type;

    public UnexpectedBodyException(String request, String type, String reason) {
        super("unexpected_body", request + ": the body does not map to " + type + ": " + brief(reason));
        this.type = type;
    }

    /** The type the body was to be mapped to. */
    public String type() {
        return type;
    }

    /** Jackson's words, on one line and short: they may quote a value of the body. */
    private static String brief(String reason) {
        String text = reason == null ? "" : reason.replaceAll("\\p{Cntrl}+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
