package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apiguardian.api.API;

/**
 * PSK key derivation (EC-6): the key is bytes [8, 24) of SHA-256 over the UTF-8 secret.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PskKeys {
    /** Length of a derived key in bytes. */
    public static final int KEY_LENGTH = 16;
    /** First byte of the key inside the digest, zero-based ("byte 9" in the documentation). */
    public static final int FROM = 8;

    private PskKeys() {
    }

    /** The 16-byte PSK key for {@code secret} (a device or product secret). */
    public static byte[] derive(String secret) {
        return Arrays.copyOfRange(sha256(secret.getBytes(StandardCharsets.UTF_8)), FROM, FROM + KEY_LENGTH);
    }

    /** The derived key in lower-case hex, e.g. for {@code openssl s_client -psk}. */
    public static String deriveHex(String secret) {
        return HexFormat.of().formatHex(derive(secret));
    }

    /**
     * A short, non-reversible fingerprint of a secret or key for logs: the first 4 hex digits of
     * SHA-256 over the key. Never log a secret or key in full.
     */
    public static String fingerprint(byte[] key) {
        return HexFormat.of().formatHex(sha256(key), 0, 2);
    }

    /**
     * Whether a key has a 0x00 byte: such a key cannot be passed as raw bytes on a command line
     * (libcoap 4.3.1's {@code -k}).
     */
    public static boolean hasZeroByte(byte[] key) {
        for (byte b : key) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
