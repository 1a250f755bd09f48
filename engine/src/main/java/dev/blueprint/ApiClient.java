package dev.blueprint;

import dev.blueprint.internal.http.IntegrationRuntime;
import dev.blueprint.spi.StoredConnection;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

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
    private final IntegrationRuntime runtime;
    private final String connectionId;

    ApiClient(IntegrationRuntime runtime, String connectionId) {
        this.runtime = runtime;
        this.connectionId = connectionId;
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

    IntegrationRuntime runtime() {
        return runtime;
    }

    /** The connection as stored now; read per call so refreshed tokens are picked up. */
    StoredConnection connection() {
        return runtime.store().load(runtime.name(), connectionId).orElse(null);
    }

    static Set<String> secretsOf(IntegrationRuntime runtime, StoredConnection connection) {
        Set<String> values = new HashSet<>();
        runtime.config().oauthClientSecret().ifPresent(s -> values.add(s.reveal()));
        if (connection != null) {
            Credentials c = connection.credentials();
            if (c instanceof Credentials.ApiKey k) {
                values.add(k.key().reveal());
            } else if (c instanceof Credentials.Basic b) {
                values.add(b.password().reveal());
            } else if (c instanceof Credentials.Bearer b) {
                values.add(b.token().reveal());
            } else if (c instanceof Credentials.OAuth2Tokens t) {
                values.add(t.accessToken().reveal());
                t.refreshToken().ifPresent(r -> values.add(r.reveal()));
            }
        }
        return Set.copyOf(values);
    }

    @Override
    public String toString() {
        return "ApiClient[" + runtime.name() + "/" + connectionId + "]";
    }
}
