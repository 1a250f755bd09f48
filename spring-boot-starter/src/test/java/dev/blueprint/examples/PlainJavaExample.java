package dev.blueprint.examples;

// docs:start plain-java
import dev.blueprint.ApiException;
import dev.blueprint.AuthorizationRequest;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.Integration;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Connect a customer's Outreach account once, then read their prospects, every page, as typed objects. */
public final class PlainJavaExample {
    /** Only the fields this application reads; the API's others are ignored. */
    public record Prospect(String id, Map<String, Object> attributes) {
    }

    private final BlueprintEngine engine;

    public PlainJavaExample(Path integrationsYaml) {
        // Validates everything at once; a mistake is a ConfigurationException naming file:line:col.
        this.engine = BlueprintEngine.builder().integrations(integrationsYaml).build();
    }

    /** Step 1: where to send the customer's browser. */
    public URI authorizationUrl(String customerId, URI callback) {
        AuthorizationRequest request = engine.integration("outreach").startAuthorization(customerId, callback);
        return request.url();
    }

    /** Step 2: the provider redirected the browser to the callback; the tokens are stored and refreshed from now on. */
    public String connected(URI callbackUrl) {
        return engine.integration("outreach").completeAuthorization(callbackUrl);
    }

    /** Any time later: every prospect, page after page, paced and retried by the blueprint's rules. */
    public List<Prospect> prospects(String customerId) {
        Integration outreach = engine.integration("outreach");
        try {
            return outreach.client(customerId).items("/prospects", Prospect.class).toList();
        } catch (ApiException e) {
            // The provider's own words, secrets masked: e.providerCode(), e.providerMessage().
            throw new IllegalStateException("Outreach refused: " + e.getMessage(), e);
        }
    }

    public void close() {
        engine.close();
    }
}
// docs:end plain-java
