package dev.blueprint.internal.url;

import dev.blueprint.model.ConnectionField;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a rendered base URL must look like, derived from its template: the template's scheme, its port, and a host
 * that ends with the template's literal domain ({@code .zendesk.com}), or, when the template ends the host with a
 * value ({@code www.zohoapis.{{connection.region}}}), one of the hosts the field's enumerated pattern allows.
 * Connection values are already checked against their patterns and percent-encoded; this is the last line, so that
 * no value (or a pattern loosened by an override) can move requests, and the credentials on them, to another host.
 * Validation refuses templates this pin could not hold ({@link #problem}).
 */
public final class HostPin {
    private static final Pattern HOST_CHARACTERS = Pattern.compile("[a-z0-9.-]+|\\[[0-9a-f:.]+]");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");
    /** A literal domain after the last value: a dot, then at least two labels, the last alphabetic (.zendesk.com). */
    private static final Pattern REGISTRABLE_SUFFIX = Pattern.compile("(\\.[a-z0-9-]+)+\\.[a-z]{2,63}(:\\d{1,5})?");

    private final String scheme;
    private final String literalAuthority; // the whole authority when it has no variable, else its literal tail
    private final boolean templated;
    private final Optional<Set<String>> enumerated; // the only authorities allowed, when the host ends with a value

    private HostPin(String scheme, String literalAuthority, boolean templated, Optional<Set<String>> enumerated) {
        this.scheme = scheme;
        this.literalAuthority = literalAuthority;
        this.templated = templated;
        this.enumerated = enumerated;
    }

    public static HostPin of(String baseUrlTemplate) {
        return of(baseUrlTemplate, Map.of());
    }

    public static HostPin of(String baseUrlTemplate, Map<String, ConnectionField> fields) {
        String scheme = scheme(baseUrlTemplate);
        String authority = authority(baseUrlTemplate);
        int lastVariable = authority.lastIndexOf("}}");
        if (lastVariable < 0) {
            return new HostPin(scheme, authority, false, Optional.empty());
        }
        String suffix = authority.substring(lastVariable + 2);
        if (REGISTRABLE_SUFFIX.matcher(suffix).matches()) {
            return new HostPin(scheme, suffix, true, Optional.empty());
        }
        // The host ends with a value: pinned to the finite set its field allows, or to nothing at all.
        return new HostPin(scheme, suffix, true, Optional.of(enumeratedAuthorities(authority, fields).orElse(Set.of())));
    }

    /**
     * Why validation must refuse this base URL template, or empty: its host must end with a literal domain after the
     * last value, or the value that ends it must come from a field that lists every value it accepts.
     */
    public static Optional<String> problem(String baseUrlTemplate, Map<String, ConnectionField> fields) {
        String authority = authority(baseUrlTemplate);
        int lastVariable = authority.lastIndexOf("}}");
        if (lastVariable < 0 || REGISTRABLE_SUFFIX.matcher(authority.substring(lastVariable + 2)).matches()
                || enumeratedAuthorities(authority, fields).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("the host must end with the API's own domain after the last {{...}}, as in "
                + "https://{{connection.subdomain}}.example.com, or the value that ends it must come from a connection_config "
                + "field whose pattern lists every value (com|eu|com\\.au): otherwise a value could send requests, and their "
                + "credentials, to any host");
    }

    /** The connection_config field whose value ends the template's host, if one does. */
    public static Optional<String> fieldEndingTheHost(String baseUrlTemplate) {
        String authority = authority(baseUrlTemplate);
        Matcher variable = VARIABLE.matcher(authority);
        String last = null;
        int end = -1;
        while (variable.find()) {
            last = variable.group(1);
            end = variable.end();
        }
        if (last == null || !last.startsWith("connection.") || REGISTRABLE_SUFFIX.matcher(authority.substring(end)).matches()) {
            return Optional.empty();
        }
        return Optional.of(last.substring("connection.".length()));
    }

    /** The authorities a host ending with one enumerated field can render to; empty for any other template. */
    private static Optional<Set<String>> enumeratedAuthorities(String authority, Map<String, ConnectionField> fields) {
        Matcher variable = VARIABLE.matcher(authority);
        if (!variable.find()) {
            return Optional.empty();
        }
        String name = variable.group(1);
        String prefix = authority.substring(0, variable.start());
        String suffix = authority.substring(variable.end());
        if (variable.find() || !name.startsWith("connection.")) {
            return Optional.empty(); // one value only: several would multiply the hosts beyond what anyone reviewed
        }
        ConnectionField field = fields.get(name.substring("connection.".length()));
        return Optional.ofNullable(field).flatMap(ConnectionField::enumeratedValues).map(values -> values.stream()
                .map(value -> prefix + value.toLowerCase(Locale.ROOT) + suffix).collect(Collectors.toUnmodifiableSet()));
    }

    /** Throws when the rendered base URL left the blueprint's scheme, host or port. */
    public void check(URI rendered) {
        check(rendered, "base_url");
    }

    /** Throws when the URL rendered from the blueprint's {@code key} left its scheme, host or port. */
    public void check(URI rendered, String key) {
        String authority = rendered.getRawAuthority() == null ? "" : rendered.getRawAuthority().toLowerCase(Locale.ROOT);
        boolean ok = Origins.scheme(rendered).equals(scheme)
                && rendered.getRawUserInfo() == null
                && rendered.getHost() != null
                && HOST_CHARACTERS.matcher(Origins.host(rendered)).matches()
                && matches(authority);
        if (!ok) {
            throw new IllegalArgumentException("the rendered " + key + " left the blueprint's host (expected "
                    + scheme + "://" + (templated ? "…" : "") + literalAuthority + "); check the connection_config values");
        }
    }

    private boolean matches(String authority) {
        if (enumerated.isPresent()) {
            return enumerated.get().contains(authority);
        }
        return templated ? authority.endsWith(literalAuthority) && authority.length() > literalAuthority.length()
                : authority.equals(literalAuthority);
    }

    private static String scheme(String template) {
        int schemeEnd = template.indexOf("://");
        return template.substring(0, Math.max(0, schemeEnd)).toLowerCase(Locale.ROOT);
    }

    private static String authority(String template) {
        int schemeEnd = template.indexOf("://");
        String rest = schemeEnd < 0 ? template : template.substring(schemeEnd + 3);
        int authorityEnd = indexOfAny(rest, "/?#");
        return (authorityEnd < 0 ? rest : rest.substring(0, authorityEnd)).toLowerCase(Locale.ROOT);
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
