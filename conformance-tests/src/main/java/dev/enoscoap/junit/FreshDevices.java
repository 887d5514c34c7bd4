package dev.enoscoap.junit;

import dev.enoscoap.mock.protocol.SecretGenerator;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.registry.Product;
import dev.enoscoap.mock.registry.Registry;
import java.security.SecureRandom;

/** Registers devices no other test uses. */
final class FreshDevices {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SecretGenerator SECRETS = new SecretGenerator();

    private FreshDevices() {
    }

    /**
     * Registers a new device in {@code productKey} (or the registry's first product when empty).
     *
     * @param withSecret whether the device gets a secret, or must activate first
     */
    static DeviceCredentials register(Registry registry, String productKey, boolean withSecret) {
        Product product = productKey.isEmpty()
                ? registry.products().stream().findFirst().orElseThrow(() -> new IllegalStateException(
                        "registry " + registry.source() + " has no product to register a fresh device in"))
                : registry.product(productKey).orElseThrow(() -> new IllegalStateException(
                        "@FreshDevice(product = \"" + productKey + "\"): no such product in registry "
                                + registry.source() + "; it has " + registry.products().stream()
                                        .map(Product::productKey).toList()));
        while (true) {
            DeviceId id = new DeviceId(product.productKey(), "fresh-" + random(12).toLowerCase(java.util.Locale.ROOT));
            String secret = withSecret ? secret() : null;
            if (registry.device(id).isPresent()) {
                continue;
            }
            var device = registry.register(id, secret, null);
            if (device.hasSecret() == withSecret && (secret == null || secret.equals(device.deviceSecret()))) {
                return new DeviceCredentials(id.productKey(), id.deviceKey(), device.deviceSecret(),
                        product.productSecret());
            }
        }
    }

    /** A random secret whose PSK key has no 0x00 byte. */
    static String secret() {
        return SECRETS.get();
    }

    private static String random(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
