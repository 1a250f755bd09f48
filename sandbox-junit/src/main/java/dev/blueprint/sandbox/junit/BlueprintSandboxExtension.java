package dev.blueprint.sandbox.junit;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.Integration;
import dev.blueprint.model.Blueprint;
import dev.blueprint.model.BlueprintRef;
import dev.blueprint.sandbox.ManualTime;
import dev.blueprint.sandbox.Sandbox;
import dev.blueprint.sandbox.SandboxOptions;
import dev.blueprint.store.InMemoryCredentialStore;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** The JUnit 5 side of {@link BlueprintSandbox}: one sandbox, engine and virtual clock per test. */
public final class BlueprintSandboxExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BlueprintSandboxExtension.class);

    private record Fixture(Sandbox sandbox, BlueprintEngine engine, ManualTime time, String integration)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            engine.close();
            sandbox.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == BlueprintEngine.class || type == Integration.class || type == Sandbox.class || type == ManualTime.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Fixture fixture = context.getStore(NAMESPACE).getOrComputeIfAbsent("fixture", key -> start(context), Fixture.class);
        Class<?> type = parameter.getParameter().getType();
        if (type == BlueprintEngine.class) {
            return fixture.engine();
        }
        if (type == Integration.class) {
            return fixture.engine().integration(fixture.integration());
        }
        return type == Sandbox.class ? fixture.sandbox() : fixture.time();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Fixture fixture = context.getStore(NAMESPACE).remove("fixture", Fixture.class);
        if (fixture != null) {
            fixture.close();
        }
    }

    private static Fixture start(ExtensionContext context) {
        BlueprintSandbox annotation = context.getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, BlueprintSandbox.class))
                .or(() -> context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, BlueprintSandbox.class)))
                .orElseThrow(() -> new ParameterResolutionException("@BlueprintSandbox(\"name:vN\") is missing"));
        BlueprintRef ref = BlueprintRef.parse(annotation.value());
        ManualTime time = new ManualTime();
        Blueprint blueprint = BlueprintEngine.builder().environment(Map.of()).build().catalog().blueprint(ref);
        Sandbox sandbox = Sandbox.of(blueprint, SandboxOptions.defaults().withClock(time), 0);
        BlueprintEngine engine = BlueprintEngine.builder().environment(Map.of())
                .integrations("sandbox.yaml", sandbox.integrationsYaml(ref.name(), annotation.overrides()))
                .clock(time).scheduler(time).credentialStore(new InMemoryCredentialStore()).build();
        return new Fixture(sandbox, engine, time, ref.name());
    }
}
