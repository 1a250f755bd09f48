package dev.blueprint.observe;

import java.util.Objects;

/**
 * An API call as observers see it: bounded values only.
 *
 * @param integration the integration's name
 * @param method      the HTTP method
 */
public record CallInfo(String integration, String method) {
    public CallInfo {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(method, "method");
    }
}
