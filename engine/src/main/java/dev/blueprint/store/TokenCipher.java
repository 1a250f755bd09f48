package dev.blueprint.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for token values at rest. Each value gets a fresh 96-bit nonce; the row's identity is the
 * associated data, so a value copied into another row does not decrypt.
 */
public final class TokenCipher {
    private static final String PREFIX = "v1:";
    private static final String KEY_CHECK = "blueprint credential store key check v1";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    private TokenCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * A cipher from {@code BLUEPRINT_ENCRYPTION_KEY}: 32 bytes in base64 (e.g. {@code openssl rand -base64 32}),
     * or any other text, hashed with SHA-256 to a key.
     */
    public static TokenCipher fromSetting(String setting) {
        try {
            byte[] decoded = Base64.getDecoder().decode(setting.trim());
            if (decoded.length == 32) {
                return new TokenCipher(decoded);
            }
        } catch (IllegalArgumentException notBase64) {
            // fall through to hashing
        }
        try {
            return new TokenCipher(MessageDigest.getInstance("SHA-256").digest(setting.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * A value that identifies the key without revealing it (an HMAC of a constant), recorded by a store when it is
     * created so that a different key, or none, is refused before anything is written under it.
     */
    public String checkValue() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return "hmac-sha256:" + Base64.getEncoder().encodeToString(mac.doFinal(KEY_CHECK.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public String encrypt(String plain, String context) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a token: " + e.getClass().getSimpleName(), e);
        }
    }

    /** @throws IllegalStateException when the key is wrong or the value was tampered with (no detail that helps an attacker) */
    public String decrypt(String stored, String context) {
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt a stored token: wrong BLUEPRINT_ENCRYPTION_KEY or a damaged value");
        }
    }

    @Override
    public String toString() {
        return "TokenCipher[AES-256-GCM]";
    }
}
