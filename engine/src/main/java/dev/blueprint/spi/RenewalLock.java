package dev.blueprint.spi;

/**
 * The right to renew one connection's tokens, held while its token endpoint is called; see
 * {@link CredentialStore#lockForRenewal}. Closing it lets the next renewer in.
 */
public interface RenewalLock extends AutoCloseable {
    @Override
    void close();
}
