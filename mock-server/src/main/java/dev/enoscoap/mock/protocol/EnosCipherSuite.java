package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The two cipher suites EnOS supports (EC-2).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum EnosCipherSuite {
    /** {@code TLS_PSK_WITH_AES_128_CCM_8}, 0xC0A8. */
    CCM_8("TLS_PSK_WITH_AES_128_CCM_8", 0xC0A8, "PSK-AES128-CCM8"),
    /** {@code TLS_PSK_WITH_AES_128_CBC_SHA256}, 0x00AE. */
    CBC_SHA256("TLS_PSK_WITH_AES_128_CBC_SHA256", 0x00AE, "PSK-AES128-CBC-SHA256");

    private final String ianaName;
    private final int code;
    private final String opensslName;

    EnosCipherSuite(String ianaName, int code, String opensslName) {
        this.ianaName = ianaName;
        this.code = code;
        this.opensslName = opensslName;
    }

    /** The IANA name, e.g. {@code TLS_PSK_WITH_AES_128_CCM_8}. */
    public String ianaName() {
        return ianaName;
    }

    /** The two-byte IANA code. */
    public int code() {
        return code;
    }

    /** The OpenSSL name, e.g. {@code PSK-AES128-CCM8}. */
    public String opensslName() {
        return opensslName;
    }

    /**
     * The suite named {@code name}: the IANA name, the OpenSSL name, the short name
     * ({@code CCM_8}, {@code CBC_SHA256}) or the hex code ({@code 0xC0A8}), case-insensitive.
     */
    public static EnosCipherSuite parse(String name) {
        String n = name.trim();
        for (EnosCipherSuite s : values()) {
            if (s.name().equalsIgnoreCase(n) || s.ianaName.equalsIgnoreCase(n) || s.opensslName.equalsIgnoreCase(n)
                    || String.format(Locale.ROOT, "0x%04X", s.code).equalsIgnoreCase(n)
                    || s.name().replace("_", "").equalsIgnoreCase(n.replace("_", "").replace("-", ""))) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an EnOS cipher suite; EC-2 allows "
                + Arrays.stream(values()).map(s -> s.ianaName + " (" + s.name() + ")").toList());
    }

    /** Whether {@code ianaName} is the IANA name of an EnOS suite, e.g. a name from a ClientHello's offer. */
    public static boolean isEnos(String ianaName) {
        for (EnosCipherSuite s : values()) {
            if (s.ianaName.equals(ianaName)) {
                return true;
            }
        }
        return false;
    }

    /** Parses a comma-separated list of suite names, keeping the order and dropping repeats. */
    public static List<EnosCipherSuite> parseList(String names) {
        List<EnosCipherSuite> result = new ArrayList<>();
        for (String part : names.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            EnosCipherSuite s = parse(part);
            if (!result.contains(s)) {
                result.add(s);
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("no cipher suite named in '" + names + "'; EC-2 needs at least one");
        }
        return result;
    }

    /** Both suites, CCM_8 first. */
    public static Set<EnosCipherSuite> all() {
        return EnumSet.allOf(EnosCipherSuite.class);
    }
}
