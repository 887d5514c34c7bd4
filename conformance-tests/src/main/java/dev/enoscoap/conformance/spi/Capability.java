package dev.enoscoap.conformance.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;
/**
 * What a client can do. A purpose whose capability the client does not declare is judged
 * <em>not applicable</em>, never failed.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Capability {
    /** Connects with a device secret (EC-4). */
    SECURE_MODE_2,
    /** Activates with a product secret (EC-5, EC-8 to EC-10). */
    SECURE_MODE_3,
    /** Offers TLS_PSK_WITH_AES_128_CCM_8 (EC-2). */
    CIPHER_CCM_8,
    /** Offers TLS_PSK_WITH_AES_128_CBC_SHA256 (EC-2). */
    CIPHER_CBC_SHA256,
    /** Reports measure points (EC-11). */
    UPLINK,
    /** Reports measure points in batches ({@code thing/measurepoint/post/batch}, EC-11). */
    UPLINK_BATCH,
    /** Resumes offline measure points ({@code thing/measurepoint/resume}, EC-11). */
    UPLINK_RESUME,
    /** Posts events ({@code thing/event/{identifier}/post}, EC-11). */
    EVENT,
    /** Updates attributes ({@code thing/attribute/update}, EC-11). */
    ATTRIBUTE,
    /** Follows option 2100 and answers commands (EC-12). */
    DOWNLINK,
    /** Keeps one DTLS session across operations, so it can lose one. */
    SESSION_REUSE;

    /**
     * The capabilities of a comma-separated list, case-insensitive, with '-' read as '_'; empty
     * parts and {@code none} add nothing.
     *
     * @throws IllegalArgumentException naming an unknown capability and the known ones
     */
    public static Set<Capability> parseList(String list) {
        Set<Capability> set = EnumSet.noneOf(Capability.class);
        for (String part : list.split(",")) {
            String name = part.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            if (name.isEmpty() || name.equals("NONE")) {
                continue;
            }
            try {
                set.add(valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown capability '" + part.strip() + "'; known: "
                        + Arrays.toString(values()) + " or none", e);
            }
        }
        return set;
    }
}
