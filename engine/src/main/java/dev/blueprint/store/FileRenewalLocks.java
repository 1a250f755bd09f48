package dev.blueprint.store;

import dev.blueprint.StoreException;
import dev.blueprint.spi.RenewalLock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

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
            FileLock held = waitFor(channel, LockPolling.key(integration, connectionId), integration, connectionId);
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
        return LockPolling.await(() -> {
            try {
                return channel.tryLock(region, 1, false);
            } catch (OverlappingFileLockException heldByThisJvm) {
                return null; // another store object of this JVM on the same file is renewing it: wait like any other process
            }
        }, "connection '" + connectionId + "' of '" + integration + "' (" + lockFile + ")", MAX_WAIT, Duration.ofMillis(2),
                Duration.ofMillis(100));
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
