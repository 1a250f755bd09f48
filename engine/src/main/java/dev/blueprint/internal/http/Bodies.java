package dev.blueprint.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/** Response bodies of either kind the client offers: strings and streams. */
final class Bodies {
    static final int EXCERPT_CHARS = 500;
    /** The excerpt plus room for a long secret (a JWT) that begins inside it. */
    private static final int RAW_CHARS = EXCERPT_CHARS + 4096;

    private Bodies() {
    }

    /** Releases a response that will not be returned (a retried attempt), so its connection is freed. */
    static void discard(HttpResponse<?> response) {
        if (response != null && response.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is being dropped anyway
            }
        }
    }

    /**
     * The start of the body as errors show it: secrets masked first, then shortened, so a secret cut at the edge is
     * still recognised. Streams are read only that far, then closed.
     */
    static String excerpt(HttpResponse<?> response, UnaryOperator<String> redact) {
        String text = redact.apply(raw(response));
        return text.length() > EXCERPT_CHARS ? text.substring(0, EXCERPT_CHARS) + "…" : text;
    }

    /** The start of the body, a margin longer than the excerpt so that secrets straddling its end are whole. */
    private static String raw(HttpResponse<?> response) {
        Object body = response.body();
        String text;
        if (body instanceof String s) {
            text = s;
        } else if (body instanceof InputStream in) {
            try (in) {
                text = new String(in.readNBytes(RAW_CHARS * 4), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "";
            }
        } else {
            text = body == null ? "" : body.toString();
        }
        return text.length() > RAW_CHARS ? text.substring(0, RAW_CHARS) : text;
    }
}
