package dev.blueprint.internal.oauth;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Delivers a token request and returns the endpoint's final answer, whatever its status. How (retries, rate
 * limits, logging) is the engine's request path, not OAuth's business; the assembly plugs it in.
 */
@FunctionalInterface
public interface TokenTransport {
    /**
     * @param secrets values in the request (client secret, code, verifier, refresh token) to mask in anything printed
     * @throws dev.blueprint.BlueprintException typed, when no answer came
     */
    HttpResponse<String> post(URI url, List<Map.Entry<String, String>> headers, byte[] body, Set<String> secrets);
}
