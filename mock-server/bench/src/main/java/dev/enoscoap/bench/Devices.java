package dev.enoscoap.bench;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.PskIdentity;
import dev.enoscoap.mock.protocol.PskKeys;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkKind;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's devices: a registry file of {@code benchProduct} with devices {@code d00000},
 * {@code d00001}, ..., each with its own secret, read by both servers.
 */
final class Devices {
    static final String PRODUCT = "benchProduct";

    private Devices() {
    }

    /** Writes a registry of {@code count} devices. */
    static Path writeRegistry(Path file, int count) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"products\": [{\"productKey\": \"" + PRODUCT + "\", \"productSecret\": \"bench-product-secret\", "
                    + "\"dynamicActivation\": false, \"devices\": [\n");
            for (int i = 0; i < count; i++) {
                w.write("  {\"deviceKey\": \"" + key(i) + "\", \"deviceSecret\": \"" + secret(i) + "\", \"assetId\": \"asset-"
                        + key(i) + "\"}" + (i + 1 < count ? ",\n" : "\n"));
            }
            w.write("]}]}\n");
        }
        return file;
    }

    static String key(int i) {
        return String.format(java.util.Locale.ROOT, "d%05d", i);
    }

    static String secret(int i) {
        return "bench-secret-" + key(i);
    }

    /** The PSK identity of device {@code i}, SecureMode 2, lifetime 300 s. */
    static String identity(int i) {
        return PskIdentity.format(PRODUCT, key(i), SecureMode.DEVICE_SECRET.code(), 300);
    }

    static byte[] pskKey(int i) {
        return PskKeys.derive(secret(i));
    }

    /** The measure-point uplink of device {@code i}, as the mock expects it (EC-11). */
    static byte[] uplink(int i) {
        String path = Topics.uplinkPath(UplinkKind.MEASUREPOINT_POST, new DeviceId(PRODUCT, key(i)));
        return RawClient.post(path.substring(1),
                "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"" + UplinkKind.MEASUREPOINT_POST.method(null) + "\","
                        + "\"params\":{\"measurepoints\":{\"temp\":21.5,\"humidity\":40}}}");
    }
}
