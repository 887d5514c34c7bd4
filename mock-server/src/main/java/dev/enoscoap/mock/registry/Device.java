package dev.enoscoap.mock.registry;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.DeviceId;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A device in the registry, as it stands at one moment.
 *
 * @param id product key and device key
 * @param deviceSecret the device secret, or {@code null} until the device activates (EC-5)
 * @param assetId the asset id EnOS gives the device, or {@code null} until it has one
 * @param activated whether the device has been served its secret by an activation request (EC-10)
 * @param secretFromActivation whether the secret was made by an activation (rather than registered)
 * @param origin where the device came from
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Device(DeviceId id, String deviceSecret, String assetId, boolean activated, boolean secretFromActivation,
        Origin origin) {

    /** Where a device came from. */
    public enum Origin {
        /** The registry file (or classpath resource). */
        REGISTRY_FILE,
        /** Registered while the server runs, through {@link Registry#register}. */
        REGISTERED,
        /** Added by its SecureMode 3 handshake with auto-registration on (EC-5). */
        AUTO_REGISTERED
    }

    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(origin, "origin");
    }

    /** A device of the registry file. */
    public Device(DeviceId id, String deviceSecret, String assetId, boolean activated) {
        this(id, deviceSecret, assetId, activated, false, Origin.REGISTRY_FILE);
    }

    /** Whether the device has a secret, so it can connect in SecureMode 2. */
    public boolean hasSecret() {
        return deviceSecret != null;
    }

    /** A copy with a secret, an asset id, and marked activated. */
    Device activatedWith(String secret, String newAssetId, boolean generated) {
        return new Device(id, secret, newAssetId, true, generated, origin);
    }

    @Override
    public String toString() {
        return "Device[" + id + ", assetId=" + assetId + ", secret=" + (hasSecret() ? "set" : "none")
                + ", activated=" + activated + ", " + origin + "]";
    }
}
