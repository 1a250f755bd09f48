package dev.blueprint.spring;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.micrometer.MicrometerObserver;
import dev.blueprint.observe.EngineObserver;
import dev.blueprint.observe.Interceptor;
import dev.blueprint.spi.CredentialStore;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.RestController;

/**
 * A {@link BlueprintEngine} for a Spring Boot application, from {@code blueprint.*} properties. {@code ${NAME}} in
 * integrations.yaml is read from the Spring {@link Environment} (so from environment variables, application
 * properties, Vault or any other property source). Beans the application defines are used: a
 * {@link CredentialStore}, an {@link EngineObserver}, {@link Interceptor}s (in {@code @Order}), and
 * {@link BlueprintEngineCustomizer}s; with Micrometer's {@link ObservationRegistry} the engine is observed by a
 * {@link MicrometerObserver}. Adds {@link ApiClients}, an Actuator health indicator when Actuator is present, and, with
 * {@code blueprint.callback.enabled=true}, the {@link OAuthCallbackController}. Each bean backs off when the
 * application defines its own.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@EnableConfigurationProperties(BlueprintProperties.class)
public class BlueprintAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public BlueprintEngine blueprintEngine(BlueprintProperties properties, Environment environment,
                                           ObjectProvider<CredentialStore> stores, ObjectProvider<EngineObserver> observers,
                                           ObjectProvider<Interceptor> interceptors,
                                           ObjectProvider<BlueprintEngineCustomizer> customizers) {
        BlueprintEngine.Builder builder = BlueprintEngine.builder().variables(environment::getProperty);
        if (properties.integrationsFile() != null) {
            builder.integrations(properties.integrationsFile());
        }
        properties.blueprintsDirs().forEach(builder::blueprints);
        if (properties.storeUrl() != null && !properties.storeUrl().isBlank()) {
            builder.storeUrl(properties.storeUrl());
        }
        stores.ifUnique(builder::credentialStore);
        observers.ifUnique(builder::observer);
        interceptors.orderedStream().forEach(builder::interceptor);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    public ApiClients blueprintApiClients(BlueprintEngine engine) {
        return new ApiClients(engine);
    }

    /** Metrics and traces of the engine's calls, when the application has Micrometer's observation registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MicrometerObserver.class, ObservationRegistry.class})
    static class ObservationConfiguration {
        @Bean
        @ConditionalOnBean(ObservationRegistry.class)
        @ConditionalOnMissingBean(EngineObserver.class)
        MicrometerObserver blueprintObserver(ObservationRegistry registry) {
            return new MicrometerObserver(registry);
        }
    }

    /** {@code /actuator/health} lists the connections that need the user again. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class HealthConfiguration {
        @Bean
        @ConditionalOnMissingBean(name = "blueprintHealthIndicator")
        BlueprintHealthIndicator blueprintHealthIndicator(BlueprintEngine engine) {
            return new BlueprintHealthIndicator(engine);
        }
    }

    /** The OAuth callback endpoint, only when asked for. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(RestController.class)
    @ConditionalOnProperty(prefix = "blueprint.callback", name = "enabled", havingValue = "true")
    static class CallbackConfiguration {
        @Bean
        @ConditionalOnMissingBean
        OAuthCallbackController blueprintOAuthCallbackController(BlueprintEngine engine) {
            return new OAuthCallbackController(engine);
        }
    }
}
