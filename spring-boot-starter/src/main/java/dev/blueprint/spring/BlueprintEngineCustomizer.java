package dev.blueprint.spring;

import dev.blueprint.BlueprintEngine;

/** Changes the auto-configured engine's builder before it is built: a clock, an HTTP client, more blueprints. */
@FunctionalInterface
public interface BlueprintEngineCustomizer {
    void customize(BlueprintEngine.Builder builder);
}
