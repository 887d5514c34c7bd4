package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * A well-formed PSK identity {@code {ProductKey},{DeviceKey},{SecureMode},{Lifetime}} (EC-3).
 *
 * @param productKey the product key, taken literally
 * @param deviceKey the device key, taken literally
 * @param secureMode which secret the key is derived from
 * @param lifetimeSeconds the Lifetime, 30..86400 (EC-7)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PskIdentity(String productKey, String deviceKey, SecureMode secureMode, int lifetimeSeconds) {

    public PskIdentity {
        new DeviceId(productKey, deviceKey);
        if (productKey.indexOf(',') >= 0 || deviceKey.indexOf(',') >= 0) {
            throw new IllegalArgumentException("product and device keys must not contain a comma (EC-3)");
        }
        Lifetime.of(lifetimeSeconds);
    }

    /** The device this identity names. */
    public DeviceId device() {
        return new DeviceId(productKey, deviceKey);
    }

    /** The identity as a device sends it. */
    public String wireForm() {
        return productKey + "," + deviceKey + "," + secureMode.code() + "," + lifetimeSeconds;
    }

    /**
     * The identity a device would send for these fields, taken literally and without any check, so
     * that illegal values (a Lifetime of 29, SecureMode 4) can be written for negative tests.
     */
    public static String format(String productKey, String deviceKey, int secureMode, int lifetimeSeconds) {
        return productKey + "," + deviceKey + "," + secureMode + "," + lifetimeSeconds;
    }

    /** The identity of a device in a mode, its Lifetime left open, for messages: {@code pk,dk,2,{Lifetime}}. */
    public static String pattern(DeviceId device, SecureMode mode) {
        return device.productKey() + "," + device.deviceKey() + "," + mode.code() + ",{Lifetime}";
    }

    /** The comma-separated fields of an identity as received, empty ones kept (no parsing, no checks). */
    public static java.util.List<String> fields(String identity) {
        return java.util.List.of(identity.split(",", -1));
    }

    @Override
    public String toString() {
        return wireForm();
    }
}
