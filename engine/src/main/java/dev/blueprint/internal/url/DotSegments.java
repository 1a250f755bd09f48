package dev.blueprint.internal.url;

import java.util.Locale;

/**
 * Dot segments ({@code .} and {@code ..}, RFC 3986 §3.3) in a path, plain or percent-encoded: servers and proxies
 * that decode {@code %2e} before normalising would resolve {@code /%2e%2e/admin} above the base URL.
 */
public final class DotSegments {
    private DotSegments() {
    }

    /** Whether the raw path may hold a dot at all, plain or percent-encoded: most paths do not, and cost one scan. */
    private static boolean mayHoldDots(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '.' || c == '%' && i + 2 < rawPath.length() && rawPath.charAt(i + 1) == '2'
                    && (rawPath.charAt(i + 2) == 'e' || rawPath.charAt(i + 2) == 'E')) {
                return true;
            }
        }
        return false;
    }

    /** Whether any segment of the raw path is {@code ..}, once {@code %2e} is read as a dot. */
    public static boolean climbs(String rawPath) {
        return anySegment(rawPath, false);
    }

    /** Whether any segment of the raw path is {@code .} or {@code ..}, once {@code %2e} is read as a dot. */
    public static boolean in(String rawPath) {
        return anySegment(rawPath, true);
    }

    private static boolean anySegment(String rawPath, boolean singleDotToo) {
        if (!mayHoldDots(rawPath)) {
            return false;
        }
        for (String segment : segments(rawPath)) {
            String decoded = decodeDots(segment);
            if (decoded.equals("..") || singleDotToo && decoded.equals(".")) {
                return true;
            }
        }
        return false;
    }

    private static String[] segments(String rawPath) {
        return rawPath.split("[/?#;]", -1); // never null here: mayHoldDots said no first
    }

    private static String decodeDots(String segment) {
        return segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
    }
}
