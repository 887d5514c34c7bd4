package dev.enoscoap.conformance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The libcoap shim as shipped in the fixtures jar, and the coap-client it needs. A missing
 * coap-client skips the test on a developer machine and fails it under CI=true or
 * -Dinterop.required=true.
 */
final class LibcoapShim {
    static final String RESOURCE = "enos-fixtures/shims/libcoap-coap-client.sh";
    static final String CLIENT = "coap-client-openssl";
    /** What the shim can do: everything but downlink commands and a session kept across calls. */
    static final String CAPABILITIES = "SECURE_MODE_2,SECURE_MODE_3,CIPHER_CCM_8,CIPHER_CBC_SHA256,UPLINK,UPLINK_BATCH,"
            + "UPLINK_RESUME,EVENT,ATTRIBUTE";

    private LibcoapShim() {
    }

    /** Copies the shim out of the classpath into {@code dir} and returns the runner template for it. */
    static String template(Path dir) {
        return template(copy(dir), "{secret}");
    }

    /** Copies the shim out of the classpath into {@code dir}; a missing coap-client skips or fails the test. */
    static Path copy(Path dir) {
        requireClient();
        Path shim = dir.resolve("libcoap-coap-client.sh");
        try (InputStream in = LibcoapShim.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            Assertions.assertNotNull(in, RESOURCE + " is not on the classpath (fixtures jar)");
            Files.copy(in, shim, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return shim;
    }

    /** The template for the shim at {@code shim}, passing {@code secretArg} as its secret. */
    static String template(Path shim, String secretArg) {
        return "bash '" + shim + "' {action} --host {host} --port {port} --product-key {productKey}"
                + " --device-key {deviceKey} --mode {secureMode} --lifetime {lifetime} --secret " + secretArg
                + " --payload {payload} --count {count} --time {time} --event {event}";
    }

    /**
     * A template for a client handed the wrong secret, so it derives the wrong key; it waits
     * only 2 s for a handshake that cannot complete.
     */
    static String wrongKeyTemplate(Path dir) {
        String good = template(dir);
        return "env LIBCOAP_WAIT=2 " + good.replace("--secret {secret}", "--secret {secret}-wrong");
    }

    private static void requireClient() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, CLIENT))) {
                return;
            }
        }
        String reason = CLIENT + " is not on the PATH; install Debian package libcoap3-bin";
        if (Boolean.getBoolean("interop.required") || "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + " (interop.required=true, or CI=true, makes a missing peer an error)");
        }
        Assumptions.abort(reason);
    }
}
