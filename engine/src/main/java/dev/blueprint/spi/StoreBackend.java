package dev.blueprint.spi;

import java.util.Optional;

/** What a {@link StoreProvider} opens: a credential store and, where the backend can share them, rate limits. */
public interface StoreBackend extends AutoCloseable {
    CredentialStore credentialStore();

    /** Rate-limit state shared across processes; empty for a store that only one host uses. */
    Optional<SharedRateLimits> rateLimits();

    @Override
    void close();
}
