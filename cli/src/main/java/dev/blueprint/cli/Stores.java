package dev.blueprint.cli;

import dev.blueprint.BlueprintEngine;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

/** The CLI's view of the credential store. */
final class Stores {
    private Stores() {
    }

    /** Warns once per run when tokens would be stored unencrypted. */
    static void warnIfUnencrypted(Main main, PrintWriter err) {
        String key = main.environment().get("BLUEPRINT_ENCRYPTION_KEY");
        if ((key == null || key.isBlank()) && main.warnedAboutEncryption().compareAndSet(false, true)) {
            String url = main.environment().get("BLUEPRINT_STORE_URL");
            // A store URL may carry a user and password: show only where it points.
            String where = url != null && !url.isBlank()
                    ? url.replaceFirst("\\?.*$", "").replaceFirst("//[^/@]*@", "//")
                    : BlueprintEngine.Builder.defaultStoreFile(main.environment()).toString();
            err.println("warning: BLUEPRINT_ENCRYPTION_KEY is not set; tokens are stored unencrypted in " + where);
            err.flush();
        }
    }
}
