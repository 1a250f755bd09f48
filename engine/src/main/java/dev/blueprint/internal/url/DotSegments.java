package dev.blueprint.internal.url;

import java.util.Locale;

/**
 * Dot segments ({@code .} and {@code ..}, RFC 3986 §3.3) in a path, plain or percent-encoded: servers and proxies
 * that decode {@code %2e} before normalising would resolve {@code /%2e%2e/admin} above the base URL.
 */
public final class DotSegments {
    private DotSegments() {
    }

    /** Whether any segment of the raw path is {@code ..}, once {@code %2e} is read as a dot. */
    public static boolean climbs(String rawPath) {
        for (String segment : segments(rawPath)) {
            if (decodeDots(segment).equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** Whether any segment of the raw path is {@code .} or {@code ..}, once {@code %2e} is read as a dot. */
    public static boolean in(String rawPath) {
        for (String segment : segments(rawPath)) {
            String decoded = decodeDots(segment);
            if (decoded.equals(".") || decoded.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String[] segments(String rawPath) {
        return rawPath == null ? new String[0] : rawPath.split("[/?#;]", -1);
    }

    private static String decodeDots(String segment) {
        return segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
    }
}
