package dev.blueprint.store;

import dev.blueprint.StoreException;
import dev.blueprint.spi.RenewalLock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.zip.CRC32;

/**
 * Renewal locks shared by every process using one SQLite store: a byte-range lock per connection on a side file
 * ({@code credentials.db.renewals}), which the operating system releases when the holding process dies, so a crash
 * never leaves a connection locked. The database itself stays free while a token endpoint is called. Threads of one
 * process queue in memory first.
 */
final class FileRenewalLocks {
    /** Longer than any renewal takes (its retries are bounded by max_elapsed); a holder that hangs is given up on. */
    static final Duration MAX_WAIT = Duration.ofMinutes(3);

    private final Path lockFile;
    private final RenewalLocks inProcess = new RenewalLocks();

    FileRenewalLocks(Path store) {
        this.lockFile = Path.of(store + ".renewals");
    }

    RenewalLock acquire(String integration, String connectionId) {
        RenewalLock local = inProcess.acquire(integration, connectionId);
        FileChannel channel = null;
        try {
            FilePermissions.createOwnerOnly(lockFile);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held = waitFor(channel, region(integration, connectionId), integration, connectionId);
            FileChannel open = channel;
            return () -> {
                try {
                    held.release();
                    open.close();
                } catch (IOException ignored) {
                    // closing the channel releases the lock anyway
                } finally {
                    local.close();
                }
            };
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            local.close();
            throw e instanceof StoreException known ? known
                    : new StoreException("cannot lock " + lockFile + " to renew a token: " + e.getMessage(), e);
        }
    }

    private FileLock waitFor(FileChannel channel, long region, String integration, String connectionId) throws IOException {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        long pauseMillis = 2;
        while (true) {
            try {
                FileLock lock = channel.tryLock(region, 1, false);
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException heldByThisJvm) {
                // another store object of this JVM on the same file is renewing it: wait like any other process
            }
            if (System.nanoTime() > deadline) {
                throw new StoreException("connection '" + connectionId + "' of '" + integration + "' has been renewed by another "
                        + "process for more than " + MAX_WAIT + " (" + lockFile + "); try again", null);
            }
            try {
                Thread.sleep(pauseMillis); // another process holds it; nothing here can wake us but time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while waiting to renew a token", e);
            }
            pauseMillis = Math.min(pauseMillis * 2, 100);
        }
    }

    /** One byte per connection, by hash: two connections rarely share one, and then only wait for each other. */
    private static long region(String integration, String connectionId) {
        CRC32 crc = new CRC32();
        crc.update((integration + "\u0000" + connectionId).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held
            }
        }
    }
}
