package dev.blueprint.bench;

/**
 * The integration the per-request harnesses measure: bearer auth, a default {@code Accept} header and the rate-limit
 * headers a real API sends, declared as a blueprint would (the same in {@link StageCost} and {@link RemoteOverhead}).
 */
final class BenchIntegration {
    private BenchIntegration() {
    }

    /** An integrations file entry called {@code name} (indented under {@code integrations:}) against {@code baseUrl}. */
    static String bearer(String name, String baseUrl) {
        return """
                  %s:
                    auth: {mode: bearer}
                    requests: {base_url: "%s", headers: {Accept: application/json}}
                    rate_limit: {remaining: X-RateLimit-Remaining, limit: X-RateLimit-Limit, reset: {header: X-RateLimit-Reset, format: epoch_seconds}}
                """.formatted(name, baseUrl);
    }
}
