package dev.blueprint.postgres;

import dev.blueprint.StoreException;
import dev.blueprint.spi.SharedRateLimits;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Rate limits in PostgreSQL. Budgets are Bucket4j buckets ({@code SELECT … FOR UPDATE} on the bucket's row), full
 * at the start of each window and refilled whole at window boundaries aligned to the epoch: the fixed windows
 * providers count in, so all instances together never send more than the budget in one of them. A request takes
 * no slot in the last {@code windowEdge} of a window (at most half of it): it could arrive after the boundary and
 * count against the next window, whose slots are all handed out too. Blocks ("send nothing before") are one row
 * per key that only moves forward.
 */
final class PostgresRateLimits implements SharedRateLimits {
    private final DataSource database;
    private final ProxyManager<String> buckets;
    private final Map<String, BucketProxy> proxies = new ConcurrentHashMap<>();
    private final String name;
    private final Duration windowEdge;

    PostgresRateLimits(DataSource database, String name, Duration windowEdge) {
        this.database = database;
        this.name = name;
        this.windowEdge = windowEdge;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(database)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(PostgresSchema.BUCKETS).idColumn("id").stateColumn("state")
                // Wall-clock millis: every process must read the same time for the shared bucket's refills.
                .clientClock(TimeMeter.SYSTEM_MILLISECONDS)
                .build();
    }

    @Override
    public Duration reserve(String key, int requests, Duration period) {
        // The budget is part of the key: a changed budget starts a bucket of its own instead of inheriting one.
        long periodMillis = period.toMillis();
        long now = System.currentTimeMillis();
        long untilBoundary = periodMillis - Math.floorMod(now, periodMillis);
        long edge = Math.min(windowEdge.toMillis(), periodMillis / 2);
        if (untilBoundary <= edge) {
            return Duration.ofMillis(untilBoundary);
        }
        String bucketKey = key + "@" + requests + "/" + period;
        BucketProxy bucket = proxies.computeIfAbsent(bucketKey, k -> created(buckets.builder().build(k, () -> windows(requests, period)), k));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }

    /**
     * Makes sure the bucket exists, one process at a time: instances starting together could otherwise each find
     * no bucket and each write a full one, handing out a window's budget more than once.
     */
    private BucketProxy created(BucketProxy bucket, String bucketKey) {
        try (Connection db = database.getConnection()) {
            db.setAutoCommit(false);
            try (PreparedStatement lock = db.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                lock.setString(1, bucketKey);
                lock.execute();
                bucket.getAvailableTokens(); // creates it from the configuration if it is not there yet
                db.commit();
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("rate limits in " + name + ": cannot create a budget: " + e.getMessage(), e);
        }
        return bucket;
    }

    private static BucketConfiguration windows(int requests, Duration period) {
        long periodMillis = period.toMillis();
        long now = System.currentTimeMillis();
        Instant nextWindow = Instant.ofEpochMilli(now - Math.floorMod(now, periodMillis) + periodMillis);
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(requests).refillIntervallyAligned(requests, period, nextWindow))
                .build();
    }

    @Override
    public void blockUntil(String key, Instant until) {
        try (Connection db = database.getConnection(); PreparedStatement upsert = db.prepareStatement("""
                INSERT INTO %s (key, blocked_until) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET blocked_until = greatest(%s.blocked_until, excluded.blocked_until)"""
                .formatted(PostgresSchema.BLOCKS, PostgresSchema.BLOCKS))) {
            upsert.setString(1, key);
            upsert.setLong(2, until.toEpochMilli());
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("rate limits in " + name + ": cannot share a block: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Instant> blockedUntil(String key) {
        try (Connection db = database.getConnection(); PreparedStatement query = db.prepareStatement(
                "SELECT blocked_until FROM " + PostgresSchema.BLOCKS + " WHERE key = ?")) {
            query.setString(1, key);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(Instant.ofEpochMilli(row.getLong(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("rate limits in " + name + ": cannot read blocks: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "PostgresRateLimits[" + name + "]";
    }
}
