package dev.blueprint.spring;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code blueprint.*} settings of a Spring Boot application.
 *
 * @param integrationsFile the integrations.yaml to load; without it the engine offers only the catalog
 * @param blueprintsDirs   directories of extra blueprints ({@code <name>/v<N>.yaml}), on top of the bundled catalog
 * @param storeUrl         the credential store: {@code jdbc:postgresql://...} for a shared store (with blueprint-postgres
 *                         on the class path); default the engine's own (SQLite under {@code BLUEPRINT_HOME})
 * @param callback         the opt-in OAuth callback endpoint
 */
@ConfigurationProperties("blueprint")
public record BlueprintProperties(Path integrationsFile, List<Path> blueprintsDirs, String storeUrl, Callback callback) {
    public BlueprintProperties {
        blueprintsDirs = blueprintsDirs == null ? List.of() : List.copyOf(blueprintsDirs);
        callback = callback == null ? new Callback(false, null) : callback;
    }

    /**
     * The OAuth callback controller: {@code GET {path}/{integration}} completes an authorization code flow the
     * application started with {@code Integration.startAuthorization(id, redirectUri)}.
     *
     * @param enabled whether to register it (default false: put it behind your application's authentication)
     * @param path    its path, default {@value #DEFAULT_PATH}
     */
    public record Callback(boolean enabled, String path) {
        public static final String DEFAULT_PATH = "/blueprint/oauth/callback";

        public Callback {
            path = path == null || path.isBlank() ? DEFAULT_PATH : path;
        }
    }
}
