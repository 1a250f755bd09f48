package dev.blueprint.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.blueprint.StoreException;
import dev.blueprint.store.TokenCipher;
import dev.blueprint.spi.CredentialStore;
import dev.blueprint.spi.SharedRateLimits;
import dev.blueprint.spi.StoreBackend;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One PostgreSQL database shared by every instance of a service: connections and their tokens (refreshed once
 * per expiry across all instances), and rate limits (one budget, one "wait for the reset"). Opening it creates or
 * migrates the schema.
 *
 * <pre>{@code
 * try (PostgresBackend db = PostgresBackend.open("jdbc:postgresql://db:5432/app?user=svc", PostgresOptions.defaults());
 *      BlueprintEngine engine = BlueprintEngine.builder().credentialStore(db.credentialStore())
 *              .sharedRateLimits(db.rateLimits().orElseThrow()).integrations(Path.of("integrations.yaml")).build()) {
 *     ...
 * }
 * }</pre>
 */
public final class PostgresBackend implements StoreBackend {
    private final HikariDataSource pool;
    private final PostgresCredentialStore store;
    private final PostgresRateLimits limits;
    private final String name;

    private PostgresBackend(HikariDataSource pool, PostgresOptions options, String name) {
        this.pool = pool;
        this.name = name;
        this.store = new PostgresCredentialStore(pool, options.encryptionKey().map(TokenCipher::fromSetting), options.lockTimeout(),
                options.holderTimeout(), name);
        this.limits = new PostgresRateLimits(pool, name, options.windowEdge());
    }

    /**
     * Connects, then creates or migrates the schema.
     *
     * @throws StoreException naming the database (never the password) when it cannot be reached or migrated
     */
    public static PostgresBackend open(String jdbcUrl, PostgresOptions options) {
        String name = describe(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        options.password().ifPresent(config::setPassword);
        config.setPoolName("blueprint-postgres");
        config.setMaximumPoolSize(options.poolSize());
        config.setMinimumIdle(1);
        config.setInitializationFailTimeout(10_000);
        // A process that hangs inside a refresh loses its session, and with it the row lock.
        config.setConnectionInitSql("SET idle_in_transaction_session_timeout = " + options.holderTimeout().toMillis());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreException("cannot connect to the credential store " + name + ": " + rootMessage(e), e);
        }
        try {
            PostgresSchema.migrate(pool);
        } catch (SQLException e) {
            pool.close();
            throw new StoreException("cannot create or migrate the schema of " + name + ": " + e.getMessage(), e);
        }
        return new PostgresBackend(pool, options, name);
    }

    @Override
    public CredentialStore credentialStore() {
        return store;
    }

    @Override
    public Optional<SharedRateLimits> rateLimits() {
        return Optional.of(limits);
    }

    @Override
    public void close() {
        pool.close();
    }

    /** host:port/database of the URL, without user, password or parameters. */
    static String describe(String jdbcUrl) {
        String rest = jdbcUrl.replaceFirst("^jdbc:postgresql:(//)?", "");
        int query = rest.indexOf('?');
        rest = query < 0 ? rest : rest.substring(0, query);
        int at = rest.lastIndexOf('@');
        return "postgresql://" + (at < 0 ? rest : rest.substring(at + 1));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public String toString() {
        return "PostgresBackend[" + name + "]";
    }
}
