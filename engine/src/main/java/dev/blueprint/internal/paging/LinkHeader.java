package dev.blueprint.internal.paging;

import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code rel="next"} target of a {@code Link} header (RFC 8288), as GitHub, GitLab and Shopify REST send it. */
final class LinkHeader {
    /** One link-value: {@code <target>} and its parameters up to the next comma outside the brackets. */
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]*)*)");
    private static final Pattern REL = Pattern.compile("(?i)rel\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;,\"]+))");
    /** Sentry's extension: a next link that exists but leads to no results. */
    private static final Pattern NO_RESULTS = Pattern.compile("(?i)results\\s*=\\s*\"?false\"?");

    private LinkHeader() {
    }

    /** The target of the first link whose rel types include {@code next}, as written (maybe relative). */
    static Optional<String> next(HttpHeaders headers) {
        for (String value : headers.allValues("link")) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                while (rel.find()) {
                    String types = rel.group(1) != null ? rel.group(1) : rel.group(2);
                    for (String type : types.trim().split("\\s+")) {
                        if (type.toLowerCase(Locale.ROOT).equals("next")) {
                            return NO_RESULTS.matcher(link.group(2)).find() ? Optional.empty() : Optional.of(link.group(1).trim());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }
}
