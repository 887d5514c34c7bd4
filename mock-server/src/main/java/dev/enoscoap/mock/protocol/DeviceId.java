package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A device as EnOS names it: a product key and a device key unique inside the product.
 *
 * @param productKey the product key, non-empty
 * @param deviceKey the device key, non-empty
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DeviceId(String productKey, String deviceKey) {

    public DeviceId {
        Objects.requireNonNull(productKey, "productKey");
        Objects.requireNonNull(deviceKey, "deviceKey");
        if (productKey.isEmpty() || deviceKey.isEmpty()) {
            throw new IllegalArgumentException("product key and device key must not be empty");
        }
    }

    /**
     * Parses {@code productKey/deviceKey}; the device key may itself contain slashes.
     */
    public static DeviceId parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a device: expected productKey/deviceKey");
        }
        return new DeviceId(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return productKey + "/" + deviceKey;
    }
}
