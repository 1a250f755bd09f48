package dev.blueprint;

import dev.blueprint.internal.http.ApiCaller;
import dev.blueprint.model.PaginationConfig;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Calls any endpoint of an integration's API for one connection, with the blueprint's authentication,
 * rate-limit pacing and retries. Paths are relative to the blueprint's {@code base_url}. Thread-safe; cheap
 * to create (all clients of an engine share one {@code HttpClient}).
 *
 * <pre>{@code
 * HttpResponse<String> prospects = outreach.client("customer-42").get("/prospects");
 * }</pre>
 */
public final class ApiClient {
    private final String integration;
    private final ApiCaller caller;
    private final String connectionId;
    private final Optional<PaginationConfig> pagination;

    ApiClient(String integration, ApiCaller caller, String connectionId, Optional<PaginationConfig> pagination) {
        this.integration = integration;
        this.caller = caller;
        this.connectionId = connectionId;
        this.pagination = pagination;
    }

    /** A request to build further: query, headers, body, timeout. */
    public ApiRequest request(String method, String path) {
        return new ApiRequest(this, method, path);
    }

    public HttpResponse<String> get(String path) {
        return request("GET", path).send();
    }

    public HttpResponse<String> get(String path, Map<String, String> query) {
        return request("GET", path).query(query).send();
    }

    /** GETs {@code path} and maps its JSON body: {@code client.get("/users/me", User.class)}. */
    public <T> T get(String path, Class<T> type) {
        return request("GET", path).as(type);
    }

    /** Every page of the list at {@code path}, lazily; see {@link ApiRequest#pages()}. */
    public Stream<HttpResponse<String>> pages(String path) {
        return request("GET", path).pages();
    }

    /** Every item of the list at {@code path}, mapped to {@code type}, lazily; see {@link ApiRequest#items(Class)}. */
    public <T> Stream<T> items(String path, Class<T> type) {
        return request("GET", path).items(type);
    }

    public HttpResponse<String> post(String path, String json) {
        return request("POST", path).json(json).send();
    }

    public HttpResponse<String> put(String path, String json) {
        return request("PUT", path).json(json).send();
    }

    public HttpResponse<String> patch(String path, String json) {
        return request("PATCH", path).json(json).send();
    }

    public HttpResponse<String> delete(String path) {
        return request("DELETE", path).send();
    }

    /** The connection this client calls for. */
    public String connectionId() {
        return connectionId;
    }

    ApiCaller caller() {
        return caller;
    }

    String integration() {
        return integration;
    }

    Optional<PaginationConfig> pagination() {
        return pagination;
    }

    @Override
    public String toString() {
        return "ApiClient[" + integration + "/" + connectionId + "]";
    }
}
