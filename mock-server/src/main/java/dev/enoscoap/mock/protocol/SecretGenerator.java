package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.security.SecureRandom;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Makes device secrets for devices that activate without one: 20 letters and digits, like EnOS
 * secrets. The mock picks only secrets whose derived key has no 0x00 byte, so tools that take
 * the key as raw bytes on their command line (libcoap 4.3.1's {@code -k}) can use them.
 */
@API(status = INTERNAL, since = "0.1")
public final class SecretGenerator implements Supplier<String> {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 20;

    private final SecureRandom random = new SecureRandom();

    @Override
    public String get() {
        while (true) {
            StringBuilder sb = new StringBuilder(LENGTH);
            for (int i = 0; i < LENGTH; i++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String secret = sb.toString();
            if (!PskKeys.hasZeroByte(PskKeys.derive(secret))) {
                return secret;
            }
        }
    }

}
