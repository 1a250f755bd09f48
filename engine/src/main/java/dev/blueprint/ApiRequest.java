package dev.blueprint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blueprint.internal.http.ApiCaller;
import dev.blueprint.internal.http.Exchange;
import dev.blueprint.internal.http.Outcomes;
import dev.blueprint.internal.json.Json;
import dev.blueprint.internal.paging.PageWalk;
import dev.blueprint.model.PaginationConfig;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * One request to an integration's API, built fluently and sent with {@link #send()}, {@link #sendAsync()},
 * {@link #stream()} or {@link #streamAsync()}. Not thread-safe; each send is independent.
 *
 * <p>Error statuses (400 and above) are thrown as {@link ApiException}; every attempt-level problem is
 * handled by the pipeline (authentication, rate limits, retries) before that.
 */
public final class ApiRequest {
    private final ApiClient client;
    private final String method;
    private final String path;
    private final List<Map.Entry<String, String>> query = new ArrayList<>();
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private byte[] body;
    private Duration timeout;
    private boolean errorStatusThrows = true;
    private URI nextPage; // an API-given next-page URL this request follows instead of path and query

    ApiRequest(ApiClient client, String method, String path) {
        this.client = client;
        this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        this.path = Objects.requireNonNull(path, "path");
    }

    /** A copy to send again with changes (the next page); the body is shared, since it is never changed in place. */
    private ApiRequest copy() {
        ApiRequest copy = new ApiRequest(client, method, path);
        copy.query.addAll(query);
        copy.headers.addAll(headers);
        copy.body = body;
        copy.timeout = timeout;
        copy.errorStatusThrows = errorStatusThrows;
        copy.nextPage = nextPage;
        return copy;
    }

    /** Adds a query parameter; names and values are percent-encoded for you. */
    public ApiRequest query(String name, String value) {
        query.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
        return this;
    }

    /** Adds every entry of {@code parameters} as a query parameter. */
    public ApiRequest query(Map<String, String> parameters) {
        parameters.forEach(this::query);
        return this;
    }

    /** Sets a header, overriding the blueprint's default of the same name. */
    public ApiRequest header(String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header " + name + " must not contain line breaks");
        }
        headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
        headers.add(Map.entry(name, value));
        return this;
    }

    /** A JSON body; sets Content-Type to application/json unless the blueprint or caller set one. */
    public ApiRequest json(String json) {
        this.body = json.getBytes(StandardCharsets.UTF_8);
        return defaultHeader("Content-Type", "application/json");
    }

    /** A form body (application/x-www-form-urlencoded). */
    public ApiRequest form(Map<String, String> fields) {
        String encoded = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        this.body = encoded.getBytes(StandardCharsets.UTF_8);
        return header("Content-Type", "application/x-www-form-urlencoded");
    }

    /** A raw body with its content type. */
    public ApiRequest body(byte[] bytes, String contentType) {
        this.body = bytes.clone();
        return header("Content-Type", contentType);
    }

    /** The per-attempt deadline (headers and a buffered body); default the blueprint's {@code requests.timeout}. */
    public ApiRequest timeout(Duration perAttempt) {
        this.timeout = Objects.requireNonNull(perAttempt, "perAttempt");
        return this;
    }

    /**
     * Returns a final status of 400 or more as the response instead of throwing {@link ApiException}, for callers that
     * read error bodies themselves (the CLI's {@code request} prints them). Retries, refresh and rate limits apply as
     * always; only the last answer is returned.
     */
    public ApiRequest acceptErrorStatus() {
        this.errorStatusThrows = false;
        return this;
    }

    /**
     * Sends and waits.
     *
     * @return the response, status below 400
     * @throws ApiException for an error status; {@link RateLimitExceededException}, {@link RetriesExhaustedException},
     *                      {@link RequestFailedException}, {@link ResponseTooLargeException} or
     *                      {@link MissingCredentialsException} as they apply
     */
    public HttpResponse<String> send() {
        return Outcomes.join(execute(HttpResponse.BodyHandlers.ofString(), true, true));
    }

    /** Sends without blocking; the future fails with the same exceptions {@link #send()} throws. */
    public CompletableFuture<HttpResponse<String>> sendAsync() {
        return execute(HttpResponse.BodyHandlers.ofString(), true, false);
    }

    /**
     * Sends and returns the body as a stream; the caller closes it. Meant for large downloads: neither
     * {@code max_response_bytes} nor the timeout bounds a streamed body once its headers arrived, so bound your read.
     */
    public HttpResponse<InputStream> stream() {
        return Outcomes.join(execute(HttpResponse.BodyHandlers.ofInputStream(), false, true));
    }

    /** Like {@link #stream()} without blocking. */
    public CompletableFuture<HttpResponse<InputStream>> streamAsync() {
        return execute(HttpResponse.BodyHandlers.ofInputStream(), false, false);
    }

    /**
     * Sends and maps the JSON body to {@code type} (unknown members are ignored).
     *
     * @throws UnexpectedBodyException when the body is not JSON of that shape; the others as {@link #send()}
     */
    public <T> T as(Class<T> type) {
        return Mapping.map(send(), Json.MAPPER.constructType(type), describe());
    }

    /** Like {@link #as(Class)} for generic types: {@code as(new TypeReference<List<Prospect>>() {})}. */
    public <T> T as(TypeReference<T> type) {
        return Mapping.map(send(), Json.MAPPER.constructType(type), describe());
    }

    /**
     * Every page of this list, lazily, by the blueprint's {@code pagination}: each page is one {@link #send()} (with
     * authentication, pacing, refresh and retries), asked for only when the stream gets there. A next-page URL the API
     * gives is followed only under the integration's base URL.
     *
     * @throws IllegalStateException when the blueprint declares no pagination (at once), or, while streaming, when a
     *                               page is not JSON or the API names the same next page twice
     */
    public Stream<HttpResponse<String>> pages() {
        return walk().map(Map.Entry::getKey);
    }

    /** The items of every page as JSON trees, lazily; see {@link #pages()}. */
    public Stream<JsonNode> items() {
        return walk().flatMap(page -> page.getValue().stream());
    }

    /** The items of every page mapped to {@code type}, lazily; see {@link #pages()}. */
    public <T> Stream<T> items(Class<T> type) {
        JavaType javaType = Json.MAPPER.constructType(type);
        String what = describe();
        return items().map(item -> Mapping.map(item, javaType, what));
    }

    private Stream<Map.Entry<HttpResponse<String>, List<JsonNode>>> walk() {
        PaginationConfig config = client.pagination().orElseThrow(() -> new IllegalStateException("the blueprint of "
                + client.integration() + " declares no pagination; add one (see docs/blueprint-format.md#pagination) or page by hand"));
        PageWalk walk = new PageWalk(config, query);
        ApiRequest first = copy();
        walk.firstQuery().forEach(param -> first.setQuery(param.getKey(), param.getValue()));
        Iterator<Map.Entry<HttpResponse<String>, List<JsonNode>>> pages = new Iterator<>() {
            private ApiRequest next = first;
            private int index;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Map.Entry<HttpResponse<String>, List<JsonNode>> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                HttpResponse<String> response = next.send();
                PageWalk.Page page = walk.read(response, ++index);
                ApiRequest current = next;
                next = page.next().map(step -> current.following(step)).orElse(null);
                return Map.entry(response, page.items());
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The request for the next page. */
    private ApiRequest following(PageWalk.Next step) {
        ApiRequest next = copy();
        if (step instanceof PageWalk.SetQuery set) {
            next.setQuery(set.name(), set.value());
        } else if (step instanceof PageWalk.FollowUrl follow) {
            next.nextPage = follow.uri();
            next.query.clear(); // the API's URL carries its own query
        }
        return next;
    }

    private void setQuery(String name, String value) {
        query.removeIf(param -> param.getKey().equals(name));
        query.add(Map.entry(name, value));
    }

    private String describe() {
        return method + " " + path;
    }

    private <T> CompletableFuture<HttpResponse<T>> execute(HttpResponse.BodyHandler<T> handler, boolean buffered, boolean blocking) {
        ApiCaller caller = client.caller();
        Duration perAttempt = timeout != null ? timeout : caller.defaultTimeout();
        Exchange exchange = nextPage != null
                ? Exchange.nextPage(method, nextPage, headers, perAttempt)
                : Exchange.relative(method, path, query, headers, body, perAttempt);
        return caller.send(client.connectionId(), exchange, handler, buffered, blocking, errorStatusThrows);
    }

    private ApiRequest defaultHeader(String name, String value) {
        boolean present = headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name)) || client.caller().declaresHeader(name);
        return present ? this : header(name, value);
    }


    @Override
    public String toString() {
        return "ApiRequest[" + method + " " + path + "]";
    }
}
