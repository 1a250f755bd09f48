package dev.blueprint.internal.url;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/** Origin arithmetic: scheme, host and effective port, the unit credentials are bound to. */
public final class Origins {
    private Origins() {
    }

    public static boolean same(URI a, URI b) {
        return a != null && b != null
                && scheme(a).equals(scheme(b))
                && host(a).equals(host(b))
                && port(a) == port(b);
    }

    public static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    public static String host(URI uri) {
        return uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    }

    public static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return switch (scheme(uri)) {
            case "https" -> 443;
            case "http" -> 80;
            default -> -1;
        };
    }

    /** Loopback by name or literal address, without a DNS lookup. */
    public static boolean loopback(URI uri) {
        String host = host(uri);
        if (host.equals("localhost")) {
            return true;
        }
        if (host.startsWith("[") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, never resolved
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
