package dev.blueprint.internal.redact;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from what the engine logs or puts in errors: sensitive headers and query parameters by
 * name, token-like fields in bodies, and any known secret value wherever it appears.
 */
public final class Redactor {
    public static final String MASK = "██";
    private static final Set<String> SENSITIVE_HEADERS = Set.of(
            "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "apikey",
            "x-auth-token", "x-access-token", "x-csrf-token", "private-token", "x-shopify-access-token");
    private static final Pattern SENSITIVE_NAME = Pattern.compile(
            "(?i).*(token|secret|password|passwd|api[_-]?key|apikey|signature|session|credential).*");
    private static final Set<String> SENSITIVE_PARAMS = Set.of(
            "code", "key", "sig", "auth", "client_secret", "access_token", "refresh_token", "id_token", "code_verifier",
            "assertion", "password", "api_key", "apikey", "token");
    private static final Pattern JSON_FIELD = Pattern.compile(
            "(\"(?:[A-Za-z_]*token|[A-Za-z_]*secret|password|api_?key|code|code_verifier|assertion)\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\")",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FORM_FIELD = Pattern.compile(
            "((?:^|[&?\\s])(?:[A-Za-z_]*token|[A-Za-z_]*secret|password|api_?key|code|code_verifier|assertion)=)([^&\\s\"]*)",
            Pattern.CASE_INSENSITIVE);

    private final Set<String> extraHeaders;
    private final Set<String> extraParams;

    /** @param extraHeaders and {@code extraParams}: names the blueprint declares sensitive (e.g. its API key header) */
    public Redactor(Collection<String> extraHeaders, Collection<String> extraParams) {
        this.extraHeaders = lower(extraHeaders);
        this.extraParams = lower(extraParams);
    }

    public boolean isSensitiveHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SENSITIVE_HEADERS.contains(lower) || extraHeaders.contains(lower) || SENSITIVE_NAME.matcher(lower).matches();
    }

    public boolean isSensitiveParam(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SENSITIVE_PARAMS.contains(lower) || extraParams.contains(lower) || SENSITIVE_NAME.matcher(lower).matches();
    }

    /** The header's value as it may be shown. */
    public String header(String name, String value) {
        return isSensitiveHeader(name) ? MASK : value;
    }

    /** The URL with sensitive query parameter values and any user info replaced. */
    public String url(URI uri) {
        String query = uri.getRawQuery();
        StringBuilder out = new StringBuilder();
        out.append(uri.getScheme()).append("://");
        if (uri.getRawUserInfo() != null) {
            out.append(MASK).append('@');
        }
        out.append(uri.getRawAuthority().substring(uri.getRawUserInfo() == null ? 0 : uri.getRawUserInfo().length() + 1));
        out.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (query != null && !query.isEmpty()) {
            out.append('?').append(query(query));
        }
        return out.toString();
    }

    private String query(String rawQuery) {
        StringBuilder out = new StringBuilder();
        for (String pair : rawQuery.split("&", -1)) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.append(eq < 0 || !isSensitiveParam(name) ? pair : pair.substring(0, eq + 1) + MASK);
        }
        return out.toString();
    }

    /**
     * Text (a body excerpt, a message) with token-like fields and every known secret value masked, in the forms a
     * provider echoes them back: as is, percent-encoded, and base64 (as in a Basic header).
     */
    public String text(String text, Collection<String> secretValues) {
        String result = replaceGroup(JSON_FIELD.matcher(text), 2);
        result = replaceGroup(FORM_FIELD.matcher(result), 2);
        return secrets(result, secretValues);
    }

    /** {@code text} with every known secret value masked, in every form {@link #forms} lists. */
    public static String secrets(String text, Collection<String> secretValues) {
        String result = text;
        for (String secret : secretValues) {
            if (secret != null && secret.length() >= 4) {
                for (String form : forms(secret)) {
                    result = result.replace(form, MASK);
                }
            }
        }
        return result;
    }

    /** A secret as it may come back: raw, percent-encoded (form and URL style), base64 and base64url, padded or not. */
    static Set<String> forms(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        forms.add(form);
        forms.add(form.replace("+", "%20"));
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        String base64 = Base64.getEncoder().encodeToString(bytes);
        forms.add(base64);
        forms.add(stripPadding(base64));
        forms.add(Base64.getUrlEncoder().encodeToString(bytes));
        forms.add(stripPadding(Base64.getUrlEncoder().encodeToString(bytes)));
        forms.removeIf(f -> f.length() < 4);
        return forms;
    }

    private static String stripPadding(String base64) {
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        return base64.substring(0, end);
    }

    private static String replaceGroup(Matcher matcher, int group) {
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String whole = matcher.group();
            int start = matcher.start(group) - matcher.start();
            int end = matcher.end(group) - matcher.start();
            matcher.appendReplacement(out, Matcher.quoteReplacement(whole.substring(0, start) + MASK + whole.substring(end)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Set<String> lower(Collection<String> names) {
        Set<String> result = new HashSet<>();
        names.forEach(n -> result.add(n.toLowerCase(Locale.ROOT)));
        return Set.copyOf(result);
    }
}
