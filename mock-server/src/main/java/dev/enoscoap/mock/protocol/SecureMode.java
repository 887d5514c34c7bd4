package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The SecureMode field of a PSK identity: which secret the PSK key is derived from.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum SecureMode {
    /** SecureMode 2 ("一机一密", EC-4): the key comes from the device's own secret. */
    DEVICE_SECRET(2),
    /** SecureMode 3 ("一型一密", EC-5): the key comes from the product secret; used to activate. */
    PRODUCT_SECRET(3);

    private final int code;

    SecureMode(int code) {
        this.code = code;
    }

    /** The number that stands for this mode in an identity. */
    public int code() {
        return code;
    }

    /**
     * The mode written as {@code field}, taken literally: only {@code "2"} and {@code "3"} are modes.
     */
    public static Optional<SecureMode> fromField(String field) {
        return switch (field) {
            case "2" -> Optional.of(DEVICE_SECRET);
            case "3" -> Optional.of(PRODUCT_SECRET);
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return "SecureMode " + code;
    }
}
