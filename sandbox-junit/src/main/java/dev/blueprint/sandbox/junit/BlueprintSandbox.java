package dev.blueprint.sandbox.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test against a fresh sandbox of a catalog blueprint. Test methods (or constructors) may declare
 * parameters of type {@link dev.blueprint.BlueprintEngine} (an engine whose integration, named after the
 * blueprint, points at the sandbox; in-memory credentials), {@link dev.blueprint.Integration}, {@link dev.blueprint.sandbox.Sandbox}
 * and {@link dev.blueprint.sandbox.ManualTime} (the virtual clock both share).
 *
 * <pre>{@code
 * @BlueprintSandbox("outreach:v0")
 * class MyIntegrationTest {
 *     @Test
 *     void listsProspects(Integration outreach, Sandbox sandbox) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BlueprintSandboxExtension.class)
public @interface BlueprintSandbox {
    /** The blueprint, {@code name:vN}. */
    String value();

    /** Extra YAML under the integration (indented four spaces), e.g. overrides. */
    String overrides() default "";
}
