package dev.enoscoap.mock.registry;

import dev.enoscoap.mock.protocol.DeviceId;
import java.util.Objects;

/**
 * A device in the registry, as it stands at one moment.
 *
 * @param id product key and device key
 * @param deviceSecret the device secret, or {@code null} until the device activates (EC-5)
 * @param assetId the asset id EnOS gives the device, or {@code null} until it has one
 * @param activated whether the device has been served its secret by an activation request (EC-10)
 */
public record Device(DeviceId id, String deviceSecret, String assetId, boolean activated) {

    public Device {
        Objects.requireNonNull(id, "id");
    }

    /** Whether the device has a secret, so it can connect in SecureMode 2. */
    public boolean hasSecret() {
        return deviceSecret != null;
    }

    /** A copy with a secret, an asset id, and marked activated. */
    Device activatedWith(String secret, String newAssetId) {
        return new Device(id, secret, newAssetId, true);
    }

    @Override
    public String toString() {
        return "Device[" + id + ", assetId=" + assetId + ", secret=" + (hasSecret() ? "set" : "none")
                + ", activated=" + activated + "]";
    }
}
