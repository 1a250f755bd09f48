package dev.blueprint.spring.app;

import dev.blueprint.spi.CredentialStore;
import dev.blueprint.store.InMemoryCredentialStore;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A plain Spring Boot application with the starter on its class path, as an integrator would write it. */
@SpringBootApplication(proxyBeanMethods = false)
public class DemoApplication {
    /** Tests keep tokens in memory; an application would use the default SQLite store or PostgreSQL. */
    @Bean
    CredentialStore credentialStore() {
        return new InMemoryCredentialStore();
    }
}
