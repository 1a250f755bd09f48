package dev.blueprint.client;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.BlueprintException;
import dev.blueprint.Credentials;
import dev.blueprint.Integration;
import dev.blueprint.store.InMemoryCredentialStore;
import java.util.Map;

/**
 * Run by {@link HostileMemoryTest} in a JVM of 64 MiB: calls providers whose bodies never end or declare
 * gigabytes, and prints each outcome as {@code NAME: CODE}. Without the engine's limits it runs out of memory.
 */
public final class HostileMemoryProbe {
    private HostileMemoryProbe() {
    }

    /** @param args the endless token endpoint's URL, then API base URLs: one endless, one declaring 2.5 GB */
    public static void main(String[] args) {
        String yaml = """
                integrations:
                  tokens:
                    oauth_client_id: probe
                    oauth_client_secret: probe-secret
                    auth: {mode: oauth2_client_credentials, token_url: "%s"}
                    requests: {base_url: "http://127.0.0.1:9/api", timeout: PT20S}
                  endless:
                    auth: {mode: bearer}
                    requests: {base_url: "%s", timeout: PT20S}
                  huge:
                    auth: {mode: bearer}
                    requests: {base_url: "%s", timeout: PT20S}
                """.formatted(args[0], args[1], args[2]);
        try (BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).integrations("probe.yaml", yaml)
                .credentialStore(new InMemoryCredentialStore()).build()) {
            for (String name : new String[] {"tokens", "endless", "huge"}) {
                Integration integration = engine.integration(name);
                if (!name.equals("tokens")) {
                    integration.saveCredentials("c1", Credentials.bearer("probe-token"));
                }
                try {
                    integration.client("c1").get("/items");
                    System.out.println(name + ": answered");
                } catch (BlueprintException e) {
                    System.out.println(name + ": " + e.code());
                }
            }
        }
    }
}
