package dev.blueprint.sandbox;

import dev.blueprint.ApiClient;
import dev.blueprint.BlueprintEngine;
import dev.blueprint.store.SqliteCredentialStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The child JVM of {@link CrashSafetyTest}: calls the API in a loop with tokens the sandbox announces as already
 * expired, so every call refreshes (and rotates) the token and writes the store. It runs until it is killed.
 */
public final class CrashRefresher {
    private CrashRefresher() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        String yaml = Files.readString(Path.of(args[1]));
        try (SqliteCredentialStore credentials = SqliteCredentialStore.open(store, Optional.of(CrashSafetyTest.KEY));
             BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of())
                     .integrations("crash.yaml", yaml).credentialStore(credentials).build()) {
            ApiClient client = engine.integration("crm").client("alice");
            for (int calls = 1; ; calls++) {
                int status = client.get("/prospects").statusCode();
                System.out.println("call " + calls + " " + status);
                System.out.flush();
            }
        } catch (RuntimeException e) {
            System.out.println("failed: " + e.getMessage());
            System.exit(2);
        }
    }
}
