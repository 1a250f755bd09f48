package dev.blueprint.store;

import dev.blueprint.BlueprintEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A separate JVM on the engine's default store under BLUEPRINT_HOME: builds its engine, says "ready", waits for a line
 * on stdin so that all workers call at once, then calls the API of a client-credentials integration that has no token yet.
 */
public final class ClientCredentialsWorker {
    private ClientCredentialsWorker() {
    }

    public static void main(String[] args) throws Exception {
        String home = args[0];
        String tokenUrl = args[1];
        String apiUrl = args[2];
        String yaml = """
                integrations:
                  machine:
                    oauth_client_id: client-1
                    oauth_client_secret: worker-secret
                    auth: {mode: oauth2_client_credentials, token_url: "%s"}
                    requests: {base_url: "%s"}
                """.formatted(tokenUrl, apiUrl);
        try (BlueprintEngine engine = BlueprintEngine.builder()
                .environment(Map.of("BLUEPRINT_HOME", home, "BLUEPRINT_ENCRYPTION_KEY", "worker key"))
                .integrations("integrations.yaml", yaml).build()) {
            var client = engine.integration("machine").client("shared");
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            System.out.println("status=" + client.get("/me").statusCode());
        }
    }
}
