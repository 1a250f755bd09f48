package dev.blueprint.internal.http;

import dev.blueprint.internal.url.Origins;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows redirects itself (the HttpClient never does), so that credentials stay on the API's origin.
 *
 * <ul>
 *   <li>Same origin: followed with everything; the later stages authenticate and pace it as usual.</li>
 *   <li>Another origin (a download on a CDN, say): only GET and HEAD, and the hop carries no credentials:
 *       the authenticate stage skips it, and headers holding a secret of the connection are dropped.</li>
 *   <li>Never from https to plain http, except to loopback; at most {@value #MAX_HOPS} hops.</li>
 * </ul>
 * A redirect that is not followed is returned to the caller as the 3xx response it is.
 */
final class RedirectStage implements Stage {
    static final int MAX_HOPS = 5;
    private static final Logger LOG = LoggerFactory.getLogger("dev.blueprint.http");
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> NEVER_ACROSS = Set.of("authorization", "proxy-authorization", "cookie");

    private final String integration;

    RedirectStage(String integration) {
        this.integration = integration;
    }

    @Override
    public <T> CompletableFuture<Outcome<T>> handle(Call<T> call, Exchange exchange, Chain next) {
        return follow(call, exchange, next, 0);
    }

    private <T> CompletableFuture<Outcome<T>> follow(Call<T> call, Exchange exchange, Chain next, int hops) {
        return next.proceed(call, exchange).thenCompose(outcome -> {
            Optional<Exchange> hop = outcome.failed() ? Optional.empty() : nextHop(call, exchange, outcome.response(), hops);
            if (hop.isEmpty()) {
                return CompletableFuture.completedFuture(outcome);
            }
            Bodies.discard(outcome.response());
            return follow(call, hop.get(), next, hops + 1);
        });
    }

    private Optional<Exchange> nextHop(Call<?> call, Exchange exchange, HttpResponse<?> response, int hops) {
        int status = response.statusCode();
        if (!REDIRECTS.contains(status)) {
            return Optional.empty(); // most answers: no header look-up at all
        }
        Optional<String> location = response.headers().firstValue("location");
        if (location.isEmpty()) {
            return Optional.empty();
        }
        if (hops >= MAX_HOPS) {
            return refuse(call, "more than " + MAX_HOPS + " redirects");
        }
        URI target;
        try {
            target = exchange.uri().resolve(location.get().trim());
        } catch (IllegalArgumentException e) {
            return refuse(call, "a Location that is not a URL");
        }
        boolean across = exchange.withUri(target).crossOrigin();
        String refusal = refusal(exchange.uri(), target, exchange.method(), status, across);
        if (refusal != null) {
            return refuse(call, refusal);
        }
        String method = exchange.method();
        byte[] body = exchange.body();
        if (status == 303 && !method.equals("HEAD")) {
            method = "GET"; // "see other": fetch the other resource, never re-send the body
            body = null;
        }
        List<Map.Entry<String, String>> headers = across ? withoutCredentials(call, exchange.headers()) : exchange.headers();
        if (body == null) {
            headers = headers.stream().filter(h -> !h.getKey().equalsIgnoreCase("content-type")).toList();
        }
        return Optional.of(exchange.hop(method, headers, body, target));
    }

    /** Why a redirect from {@code from} to {@code target} must not be followed, or null when it may be. */
    static String refusal(URI from, URI target, String method, int status, boolean across) {
        String scheme = Origins.scheme(target);
        if (!scheme.equals("https") && !scheme.equals("http") || target.getHost() == null) {
            return "a Location that is not an http(s) URL";
        }
        if (Origins.scheme(from).equals("https") && scheme.equals("http") && !Origins.loopback(target)) {
            return "a redirect from https to plain http";
        }
        boolean safe = method.equals("GET") || method.equals("HEAD");
        if (!safe && status != 303 && (status == 301 || status == 302 || across)) {
            // 301/302 of a POST is ambiguous (browsers turn it into a GET); a body never goes to another host.
            return "a " + status + " redirect of a " + method + " request";
        }
        return null;
    }

    /** Drops credential headers and any header that carries a secret of the connection. */
    private static List<Map.Entry<String, String>> withoutCredentials(Call<?> call, List<Map.Entry<String, String>> headers) {
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (Map.Entry<String, String> header : headers) {
            boolean credential = NEVER_ACROSS.contains(header.getKey().toLowerCase(Locale.ROOT))
                    || call.secrets().stream().anyMatch(secret -> !secret.isEmpty() && header.getValue().contains(secret));
            if (!credential) {
                kept.add(header);
            }
        }
        return kept;
    }

    private Optional<Exchange> refuse(Call<?> call, String why) {
        LOG.warn("{}/{}: not following {}; the response is returned as is", integration, call.connectionId(), why);
        return Optional.empty();
    }
}
