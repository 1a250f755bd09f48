package dev.blueprint.bench;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.store.SqliteCredentialStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** One process of the cross-process refresh storm: N concurrent callers on the shared SQLite store. */
public final class StormWorker {
    private StormWorker() {
    }

    public static void main(String[] args) throws Exception {
        try (SqliteCredentialStore store = SqliteCredentialStore.open(Path.of(args[0]), Optional.empty());
             BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of()).credentialStore(store)
                     .integrations("storm.yaml", RefreshStorm.integrations(args[1])).build()) {
            RefreshStorm.run(engine.integration("storm").client("c1"), Integer.parseInt(args[2]));
        }
    }
}
