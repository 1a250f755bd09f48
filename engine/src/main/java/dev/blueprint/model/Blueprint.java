package dev.blueprint.model;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One API version as the engine uses it: already merged, validated and defaulted.
 *
 * @param ref              name and version
 * @param displayName      human name, e.g. "Outreach"
 * @param docsUrl          the provider's API documentation, if declared
 * @param categories       catalog categories
 * @param connectionConfig per-connection inputs (e.g. a subdomain) used in templates as {@code {{connection.NAME}}}
 * @param auth             how requests are authenticated
 * @param requests         base URL, default headers and timeouts
 * @param rateLimit        how the API signals rate limits
 * @param retry            the retry policy
 * @param gotchas          what surprises developers about this API
 * @param pagination       how lists are paged, if the API pages them in one of the common styles
 * @param errors           where error responses say what went wrong, if declared
 */
public record Blueprint(
        BlueprintRef ref,
        String displayName,
        Optional<URI> docsUrl,
        List<String> categories,
        Map<String, ConnectionField> connectionConfig,
        AuthConfig auth,
        RequestsConfig requests,
        RateLimitConfig rateLimit,
        RetryConfig retry,
        List<String> gotchas,
        Optional<PaginationConfig> pagination,
        Optional<ErrorBodyConfig> errors) {

    public Blueprint {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(docsUrl, "docsUrl");
        categories = List.copyOf(categories);
        connectionConfig = Map.copyOf(connectionConfig);
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(retry, "retry");
        gotchas = List.copyOf(gotchas);
        Objects.requireNonNull(pagination, "pagination");
        Objects.requireNonNull(errors, "errors");
    }

    /** A blueprint that declares neither pagination nor where its errors say what went wrong. */
    public Blueprint(BlueprintRef ref, String displayName, Optional<URI> docsUrl, List<String> categories,
                     Map<String, ConnectionField> connectionConfig, AuthConfig auth, RequestsConfig requests,
                     RateLimitConfig rateLimit, RetryConfig retry, List<String> gotchas) {
        this(ref, displayName, docsUrl, categories, connectionConfig, auth, requests, rateLimit, retry, gotchas,
                Optional.empty(), Optional.empty());
    }
}
