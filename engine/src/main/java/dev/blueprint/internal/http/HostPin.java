package dev.blueprint.internal.http;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a rendered base URL must look like, derived from its template: the template's scheme, its literal host
 * suffix and its port. Connection values are already checked against their patterns and percent-encoded; this
 * is the last line, so that no value (or a pattern written too loosely) can move requests, and the credentials
 * on them, to another host.
 */
final class HostPin {
    private static final Pattern HOST_CHARACTERS = Pattern.compile("[a-z0-9.-]+|\\[[0-9a-f:.]+]");

    private final String scheme;
    private final String literalAuthority; // the whole authority when it has no variable, else its literal tail
    private final boolean templated;

    private HostPin(String scheme, String literalAuthority, boolean templated) {
        this.scheme = scheme;
        this.literalAuthority = literalAuthority;
        this.templated = templated;
    }

    static HostPin of(String baseUrlTemplate) {
        int schemeEnd = baseUrlTemplate.indexOf("://");
        String scheme = baseUrlTemplate.substring(0, Math.max(0, schemeEnd)).toLowerCase(Locale.ROOT);
        String rest = baseUrlTemplate.substring(schemeEnd + 3);
        int authorityEnd = indexOfAny(rest, "/?#");
        String authority = (authorityEnd < 0 ? rest : rest.substring(0, authorityEnd)).toLowerCase(Locale.ROOT);
        int lastVariable = authority.lastIndexOf("}}");
        return lastVariable < 0
                ? new HostPin(scheme, authority, false)
                : new HostPin(scheme, authority.substring(lastVariable + 2), true);
    }

    /** Throws when the rendered URL left the blueprint's scheme, host suffix or port. */
    void check(URI rendered) {
        String authority = rendered.getRawAuthority() == null ? "" : rendered.getRawAuthority().toLowerCase(Locale.ROOT);
        boolean ok = Origins.scheme(rendered).equals(scheme)
                && rendered.getRawUserInfo() == null
                && rendered.getHost() != null
                && HOST_CHARACTERS.matcher(Origins.host(rendered)).matches()
                && (templated ? authority.endsWith(literalAuthority) && authority.length() > literalAuthority.length()
                              : authority.equals(literalAuthority));
        if (!ok) {
            throw new IllegalArgumentException("the rendered base_url left the blueprint's host (expected "
                    + scheme + "://" + (templated ? "…" : "") + literalAuthority + "); check the connection_config values");
        }
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
