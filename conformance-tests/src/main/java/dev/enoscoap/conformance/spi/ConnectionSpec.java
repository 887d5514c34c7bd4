package dev.enoscoap.conformance.spi;

import dev.enoscoap.mock.protocol.EnosCipherSuite;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What the kit asks a client to connect with.
 *
 * @param server {@code coaps://HOST:PORT} of the mock
 * @param productKey the product key
 * @param deviceKey the device key
 * @param secureMode 2 (device secret) or 3 (product secret); other values only in negative tests
 * @param secret the device secret for SecureMode 2, the product secret for SecureMode 3
 * @param lifetimeSeconds the Lifetime to put in the identity; out-of-range values only in negative tests
 * @param cipherSuites suites to offer, or empty for the client's default
 */
public record ConnectionSpec(URI server, String productKey, String deviceKey, int secureMode, String secret,
        int lifetimeSeconds, List<EnosCipherSuite> cipherSuites) {

    public ConnectionSpec {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(productKey, "productKey");
        Objects.requireNonNull(deviceKey, "deviceKey");
        Objects.requireNonNull(secret, "secret");
        cipherSuites = List.copyOf(cipherSuites);
    }

    /** The host of {@link #server()}. */
    public String host() {
        return server.getHost();
    }

    /** The port of {@link #server()}. */
    public int port() {
        return server.getPort();
    }

    /** The same connection with another secure mode and secret (e.g. SecureMode 2 after activation). */
    public ConnectionSpec with(int mode, String newSecret) {
        return new ConnectionSpec(server, productKey, deviceKey, mode, newSecret, lifetimeSeconds, cipherSuites);
    }

    /** The same connection with another lifetime. */
    public ConnectionSpec withLifetime(int seconds) {
        return new ConnectionSpec(server, productKey, deviceKey, secureMode, secret, seconds, cipherSuites);
    }

    @Override
    public String toString() {
        return "ConnectionSpec[" + server + " " + productKey + "/" + deviceKey + " mode " + secureMode + " lifetime "
                + lifetimeSeconds + " suites " + cipherSuites + "]";
    }
}
