package dev.blueprint.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A credential store's files are its owner's only, as SSH keeps its keys: directories 700, files 600. Created that
 * way; an existing store with wider permissions is left as it is (it is the user's) and a warning says how to fix it.
 * On file systems without POSIX permissions nothing is set.
 */
final class FilePermissions {
    private static final Logger LOG = LoggerFactory.getLogger("dev.blueprint.store");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private FilePermissions() {
    }

    /** Creates the missing directories (700) and the file (600), before SQLite creates it with the umask's. */
    static void createOwnerOnly(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        boolean posix = posix(absolute.getRoot());
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent, posix);
        }
        if (posix && !Files.exists(absolute)) {
            try {
                Files.createFile(absolute, PosixFilePermissions.asFileAttribute(FILE));
            } catch (FileAlreadyExistsException raced) {
                // another process created it first, with the same permissions
            }
        }
    }

    /** Makes SQLite's side files owner-only and warns when the store or its directory is open to others. */
    static void ownerOnly(Path file, List<Path> sideFiles) {
        Path absolute = file.toAbsolutePath();
        if (!posix(absolute.getRoot())) {
            return;
        }
        try {
            for (Path side : sideFiles) {
                if (Files.exists(side)) {
                    Files.setPosixFilePermissions(side, FILE);
                }
            }
            warnIfWider(absolute, FILE);
            if (absolute.getParent() != null) {
                warnIfWider(absolute.getParent(), DIRECTORY);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            LOG.debug("cannot check the permissions of {}: {}", absolute, e.getClass().getSimpleName());
        }
    }

    private static void warnIfWider(Path path, Set<PosixFilePermission> allowed) throws IOException {
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
        if (!allowed.containsAll(actual)) {
            LOG.warn("{} is readable or writable by others ({}): it holds credentials; run chmod {} {}", path,
                    PosixFilePermissions.toString(actual), allowed.contains(PosixFilePermission.OWNER_EXECUTE) ? "700" : "600", path);
        }
    }

    private static void createDirectories(Path directory, boolean posix) throws IOException {
        if (!posix) {
            Files.createDirectories(directory);
            return;
        }
        Path parent = directory.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent, true);
        }
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile
        }
    }

    private static boolean posix(Path root) {
        return root != null && root.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
