package dev.blueprint.store;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.store.SqliteCredentialStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A separate JVM sharing one SQLite store: calls the API once, refreshing the token if it must. */
public final class RefreshWorker {
    private RefreshWorker() {
    }

    public static void main(String[] args) {
        Path storeFile = Path.of(args[0]);
        String base = args[1];
        try (SqliteCredentialStore store = SqliteCredentialStore.open(storeFile, Optional.of("worker-key"));
             BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of())
                     .integrations("integrations.yaml", SqliteStoreTest.integration(base)).credentialStore(store).build()) {
            int status = engine.integration("acme").client("c1").get("/me").statusCode();
            System.out.println("status=" + status);
        }
    }
}
