package dev.blueprint.store;

import dev.blueprint.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key of the embedded store when {@code BLUEPRINT_ENCRYPTION_KEY} is not set: a key file next to the store,
 * created once with owner-only permissions, as SSH and cloud CLIs keep their keys. Tokens are never written
 * unencrypted unless the user asks ({@code BLUEPRINT_ENCRYPTION_KEY=none}), or a store from before key files holds
 * them so already (it is used as it is, with a warning).
 */
public final class StoreKeys {
    /** The setting that asks for no encryption at all. */
    public static final String PLAINTEXT = "none";
    private static final Logger LOG = LoggerFactory.getLogger("dev.blueprint.store");
    private static final SecureRandom RANDOM = new SecureRandom();

    private StoreKeys() {
    }

    /** {@code encryption.key} in the store's directory. */
    public static Path keyFile(Path store) {
        return store.toAbsolutePath().resolveSibling("encryption.key");
    }

    /**
     * The key to open {@code store} with: the setting when there is one ({@code none}: no key), else the key file,
     * created for a new store. Empty for a store created without a key before key files existed.
     *
     * @param setting {@code BLUEPRINT_ENCRYPTION_KEY}, if set
     * @throws StoreException when the key file cannot be read or created
     */
    public static Optional<String> forStore(Path store, Optional<String> setting) {
        Optional<String> given = setting.map(String::trim).filter(s -> !s.isEmpty());
        if (given.isPresent()) {
            return given.get().equals(PLAINTEXT) ? Optional.empty() : given;
        }
        Path keyFile = keyFile(store);
        try {
            if (Files.exists(keyFile)) {
                return Optional.of(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
            }
            if (Files.exists(store)) {
                LOG.warn("{} was created without an encryption key and keeps tokens unencrypted; to encrypt them, move it away, "
                        + "then connect again (a key file is created), or set BLUEPRINT_ENCRYPTION_KEY for a new store", store);
                return Optional.empty();
            }
            return Optional.of(create(keyFile));
        } catch (IOException e) {
            throw new StoreException("cannot read or create the store's key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** Writes a new key to a private temporary file, then links it in: of processes racing, one key wins for all. */
    private static String create(Path keyFile) throws IOException {
        Path directory = keyFile.getParent();
        Path temporary = directory.resolve(".encryption.key." + Long.toHexString(RANDOM.nextLong()));
        FilePermissions.createOwnerOnly(temporary);
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String encoded = Base64.getEncoder().encodeToString(key);
        Files.writeString(temporary, encoded + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            Files.createLink(keyFile, temporary);
        } catch (FileAlreadyExistsException another) {
            return Files.readString(keyFile, StandardCharsets.US_ASCII).trim();
        } catch (UnsupportedOperationException noLinks) {
            Files.move(temporary, keyFile);
            return announce(keyFile, encoded);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return announce(keyFile, encoded);
    }

    private static String announce(Path keyFile, String encoded) {
        LOG.warn("created the encryption key of the credential store at {} (owner-only); keep it with the store: "
                + "without it the stored tokens cannot be read", keyFile);
        return encoded;
    }
}
