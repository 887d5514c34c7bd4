package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Parses PSK identities {@code {ProductKey},{DeviceKey},{SecureMode},{Lifetime}} (EC-3).
 *
 * <p>Fields are taken literally: nothing is trimmed, so {@code "pk, dk,2,60"} names the device
 * key {@code " dk"}. Every rejection names the first rule broken, in {@link IdentityRule} order.
 */
@API(status = INTERNAL, since = "0.1")
public final class IdentityParser {
    /** Longest identity accepted, in bytes [ours]. */
    public static final int MAX_BYTES = 1024;

    private static final Pattern CANONICAL_DECIMAL = Pattern.compile("0|[1-9][0-9]*");
    private static final int DISPLAY_LIMIT = 120;

    private IdentityParser() {
    }

    /** Parses an identity as it arrived on the wire. */
    public static IdentityParseResult parse(byte[] raw) {
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            String shown = new String(raw, StandardCharsets.UTF_8);
            return new IdentityParseResult.Invalid(shown, IdentityRule.NOT_UTF8,
                    "the bytes are not valid UTF-8 (hex " + abbreviate(hex(raw)) + ")");
        }
        return parseDecoded(decoded, raw.length);
    }

    /** Parses an identity given as text. */
    public static IdentityParseResult parse(String identity) {
        return parseDecoded(identity, identity.getBytes(StandardCharsets.UTF_8).length);
    }

    private static IdentityParseResult parseDecoded(String identity, int byteLength) {
        if (byteLength > MAX_BYTES) {
            return invalid(identity, IdentityRule.TOO_LONG, "it has " + byteLength + " bytes");
        }
        String[] fields = identity.split(",", -1);
        if (fields.length != 4) {
            return invalid(identity, IdentityRule.FIELD_COUNT, "it has " + fields.length + " field"
                    + (fields.length == 1 ? "" : "s"));
        }
        String productKey = fields[0];
        String deviceKey = fields[1];
        String modeField = fields[2];
        String lifetimeField = fields[3];
        if (productKey.isEmpty()) {
            return invalid(identity, IdentityRule.EMPTY_PRODUCT_KEY, "field 1 is empty");
        }
        if (deviceKey.isEmpty()) {
            return invalid(identity, IdentityRule.EMPTY_DEVICE_KEY, "field 2 is empty");
        }
        var mode = SecureMode.fromField(modeField);
        if (mode.isEmpty()) {
            return invalid(identity, IdentityRule.SECURE_MODE_UNSUPPORTED, "field 3 is '" + modeField + "'");
        }
        if (!CANONICAL_DECIMAL.matcher(lifetimeField).matches()) {
            return invalid(identity, IdentityRule.LIFETIME_NOT_DECIMAL, "field 4 is '" + abbreviate(lifetimeField) + "'");
        }
        // At most 6 digits can be in range; longer strings are out of range without parsing them.
        if (lifetimeField.length() > 6 || !Lifetime.isAllowed(Long.parseLong(lifetimeField))) {
            return invalid(identity, IdentityRule.LIFETIME_OUT_OF_RANGE, "field 4 is " + abbreviate(lifetimeField) + " s");
        }
        int lifetime = Integer.parseInt(lifetimeField);
        return new IdentityParseResult.Valid(identity,
                new PskIdentity(productKey, deviceKey, mode.get(), lifetime));
    }

    private static IdentityParseResult invalid(String identity, IdentityRule rule, String detail) {
        return new IdentityParseResult.Invalid(identity, rule, detail + "; " + rule.text());
    }

    /** Shortens long text for messages and logs. */
    static String abbreviate(String text) {
        if (text.length() <= DISPLAY_LIMIT) {
            return text;
        }
        return text.substring(0, DISPLAY_LIMIT) + "…(" + text.length() + " chars)";
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
