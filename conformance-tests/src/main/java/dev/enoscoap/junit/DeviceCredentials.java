package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.Lifetime;
import dev.enoscoap.mock.protocol.PskIdentity;
import dev.enoscoap.mock.protocol.PskKeys;
import dev.enoscoap.mock.protocol.SecureMode;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a device needs to connect: its keys and secrets, as the registry had them when the
 * parameter was injected. {@link #toString()} never shows a secret.
 *
 * @param productKey the product key
 * @param deviceKey the device key
 * @param deviceSecret the device secret, or {@code null} for a device that must activate first
 * @param productSecret the product secret, or {@code null} if the product has none
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DeviceCredentials(String productKey, String deviceKey, String deviceSecret, String productSecret) {

    public DeviceCredentials {
        Objects.requireNonNull(productKey, "productKey");
        Objects.requireNonNull(deviceKey, "deviceKey");
    }

    /** The device as the journal names it. */
    public DeviceId id() {
        return new DeviceId(productKey, deviceKey);
    }

    /**
     * The PSK identity the device sends, {@code productKey,deviceKey,secureMode,lifetime} (EC-3).
     *
     * @param mode SecureMode 2 (device secret) or 3 (product secret, to activate)
     * @param lifetimeSeconds the Lifetime, 30..86400 (EC-7)
     */
    public String identity(SecureMode mode, int lifetimeSeconds) {
        Lifetime.of(lifetimeSeconds);
        return new PskIdentity(productKey, deviceKey, mode, lifetimeSeconds).wireForm();
    }

    /**
     * These credentials with another device secret: the one the device was given by activating
     * (EC-9), so that it can reconnect in SecureMode 2 (EC-10).
     *
     * <pre>{@code
     * DeviceCredentials activated = dev.withSecret(secretFromTheActivationResponse);
     * connect(activated.identity(SecureMode.DEVICE_SECRET, 300), activated.pskKey());
     * }</pre>
     *
     * {@link EnosTestServer#device(DeviceCredentials)} gives the same from the server's registry.
     */
    public DeviceCredentials withSecret(String deviceSecret) {
        Objects.requireNonNull(deviceSecret, "deviceSecret");
        return new DeviceCredentials(productKey, deviceKey, deviceSecret, productSecret);
    }

    /**
     * The 16-byte PSK key of any secret, device or product: bytes [8,24) of SHA-256 over its UTF-8
     * bytes (EC-6). For a secret that is not in these credentials, e.g. one a test made up.
     */
    public static byte[] pskKeyOf(String secret) {
        Objects.requireNonNull(secret, "secret");
        return PskKeys.derive(secret);
    }

    /** The 16-byte PSK key for SecureMode 2, from the device secret (EC-6). */
    public byte[] pskKey() {
        return pskKey(SecureMode.DEVICE_SECRET);
    }

    /**
     * The 16-byte PSK key for {@code mode}: bytes [8,24) of SHA-256 over the device secret
     * (SecureMode 2) or the product secret (SecureMode 3) (EC-6).
     *
     * @throws IllegalStateException if the device or product has no such secret
     */
    public byte[] pskKey(SecureMode mode) {
        if (mode == SecureMode.DEVICE_SECRET) {
            if (deviceSecret == null) {
                throw new IllegalStateException("device " + id() + " has no device secret yet; it activates in "
                        + "SecureMode 3 with pskKey(SecureMode.PRODUCT_SECRET) first (EC-5, EC-8), then reconnects "
                        + "with withSecret(theSecretItGot) or server.device(dev) (EC-10)");
            }
            return PskKeys.derive(deviceSecret);
        }
        if (productSecret == null) {
            throw new IllegalStateException("product " + productKey + " has no product secret, so device " + id()
                    + " has no SecureMode 3 key (EC-5)");
        }
        return PskKeys.derive(productSecret);
    }

    @Override
    public String toString() {
        return "DeviceCredentials[" + id() + ", deviceSecret=" + (deviceSecret == null ? "none" : "set")
                + ", productSecret=" + (productSecret == null ? "none" : "set") + "]";
    }
}
