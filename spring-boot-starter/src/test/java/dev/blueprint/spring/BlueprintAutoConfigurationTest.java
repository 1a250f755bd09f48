package dev.blueprint.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blueprint.BlueprintEngine;
import dev.blueprint.ConfigurationException;
import dev.blueprint.Credentials;
import dev.blueprint.micrometer.MicrometerObserver;
import dev.blueprint.spi.StoredConnection;
import dev.blueprint.store.InMemoryCredentialStore;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** The auto-configuration, bean by bean, in contexts built the way Spring Boot builds them. */
class BlueprintAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BlueprintAutoConfiguration.class));

    @TempDir
    Path dir;
    private Path integrations;

    @BeforeEach
    void writeIntegrations() throws IOException {
        integrations = Files.writeString(dir.resolve("integrations.yaml"), """
                integrations:
                  crm:
                    oauth_client_id: abc
                    oauth_client_secret: ${CRM_SECRET}
                    auth: {mode: oauth2, authorization_url: "https://auth.example/a", token_url: "https://auth.example/t"}
                    requests: {base_url: "https://api.example"}
                """);
    }

    @Test
    void anEngineFromThePropertiesWithSecretsFromTheSpringEnvironment() {
        runner.withPropertyValues("blueprint.integrations-file=" + integrations, "CRM_SECRET=from-spring")
                .withBean(InMemoryCredentialStore.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(BlueprintEngine.class).hasSingleBean(ApiClients.class)
                            .hasSingleBean(BlueprintHealthIndicator.class).doesNotHaveBean(OAuthCallbackController.class)
                            .doesNotHaveBean(MicrometerObserver.class);
                    BlueprintEngine engine = context.getBean(BlueprintEngine.class);
                    assertThat(engine.integration("crm").config().oauthClientSecret()).hasValueSatisfying(
                            secret -> assertThat(secret.reveal()).isEqualTo("from-spring"));
                    assertThat(context.getBean(ApiClients.class).client("crm", "c1").connectionId()).isEqualTo("c1");
                });
    }

    @Test
    void aMissingSecretFailsStartupNamingTheFileAndLine() {
        runner.withPropertyValues("blueprint.integrations-file=" + integrations).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("integrations.yaml:4:").hasMessageContaining("CRM_SECRET");
        });
    }

    @Test
    void anObservationRegistryMakesTheEngineObserved() {
        runner.withPropertyValues("blueprint.integrations-file=" + integrations, "CRM_SECRET=s")
                .withBean(ObservationRegistry.class, ObservationRegistry::create)
                .run(context -> assertThat(context).hasSingleBean(MicrometerObserver.class));
    }

    @Test
    void theHealthListsConnectionsThatNeedTheUserAgain() {
        InMemoryCredentialStore store = new InMemoryCredentialStore();
        store.save(new StoredConnection("crm", "alice", Map.of(), Credentials.oauth("a"), Optional.of("invalid_grant")));
        store.save(new StoredConnection("crm", "bob", Map.of(), Credentials.oauth("b")));
        runner.withPropertyValues("blueprint.integrations-file=" + integrations, "CRM_SECRET=s")
                .withBean(InMemoryCredentialStore.class, () -> store)
                .run(context -> {
                    var health = context.getBean(BlueprintHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("needsReauthorization", Map.of("crm", List.of("alice")));
                });
    }

    @Test
    void theApplicationsOwnEngineWinsAndTheCallbackIsOptIn() {
        runner.withBean(BlueprintEngine.class, () -> BlueprintEngine.builder().environment(Map.of()).build())
                .run(context -> assertThat(context).hasSingleBean(BlueprintEngine.class).hasSingleBean(ApiClients.class));
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(BlueprintAutoConfiguration.class))
                .withPropertyValues("blueprint.callback.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(OAuthCallbackController.class));
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(BlueprintAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(OAuthCallbackController.class));
    }

    @Test
    void customizersAndInterceptorsReachTheBuilder() {
        runner.withPropertyValues("blueprint.integrations-file=" + integrations, "CRM_SECRET=s")
                .withBean(BlueprintEngineCustomizer.class, () -> builder -> builder.integrations("custom.yaml",
                        "integrations:\n  other:\n    auth: {mode: none}\n    requests: {base_url: \"https://other.example\"}\n"))
                .run(context -> assertThat(context.getBean(BlueprintEngine.class).integrationNames()).containsExactly("other"));
    }
}
