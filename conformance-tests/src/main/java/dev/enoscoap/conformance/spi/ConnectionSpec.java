package dev.enoscoap.conformance.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.PskIdentity;
import dev.enoscoap.mock.protocol.SecureMode;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What the kit asks a client to connect with.
 *
 * @param server {@code coaps://HOST:PORT} of the mock
 * @param productKey the product key
 * @param deviceKey the device key
 * @param secureMode SecureMode 2 (device secret) or 3 (product secret)
 * @param secret the device secret for SecureMode 2, the product secret for SecureMode 3
 * @param lifetimeSeconds the Lifetime to put in the identity; out-of-range values only in negative tests
 * @param cipherSuites suites to offer, or empty for the client's default
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ConnectionSpec(URI server, String productKey, String deviceKey, SecureMode secureMode, String secret,
        int lifetimeSeconds, List<EnosCipherSuite> cipherSuites) {

    public ConnectionSpec {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(productKey, "productKey");
        Objects.requireNonNull(deviceKey, "deviceKey");
        Objects.requireNonNull(secureMode, "secureMode");
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

    /** The device. */
    public DeviceId device() {
        return new DeviceId(productKey, deviceKey);
    }

    /** The PSK identity a conformant client sends for this spec (EC-3), Lifetime taken as given. */
    public String identity() {
        return PskIdentity.format(productKey, deviceKey, secureMode.code(), lifetimeSeconds);
    }

    /** The same connection with another secure mode and secret (e.g. SecureMode 2 after activation). */
    public ConnectionSpec with(SecureMode mode, String newSecret) {
        return new ConnectionSpec(server, productKey, deviceKey, mode, newSecret, lifetimeSeconds, cipherSuites);
    }

    /** In words, for evidence: identity, server and suites; never the secret. */
    public String describe() {
        return "as '" + identity() + "' to " + server
                + (cipherSuites.isEmpty() ? "" : " offering " + cipherSuites.stream().map(EnosCipherSuite::ianaName).toList());
    }

    @Override
    public String toString() {
        return describe();
    }
}
