package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * The rules a PSK identity must keep (EC-3, EC-4, EC-5, EC-7), in the order they are checked.
 * The names are those of {@code fixtures/vectors/psk-identities.json}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum IdentityRule {
    NOT_UTF8("EC-3", "the identity must be valid UTF-8"),
    TOO_LONG("EC-3", "the identity must be at most " + IdentityParser.MAX_BYTES + " bytes [ours]"),
    FIELD_COUNT("EC-3", "the identity must have exactly four comma-separated fields {ProductKey},{DeviceKey},{SecureMode},{Lifetime}"),
    EMPTY_PRODUCT_KEY("EC-3", "ProductKey must not be empty"),
    EMPTY_DEVICE_KEY("EC-3", "DeviceKey must not be empty"),
    SECURE_MODE_UNSUPPORTED("EC-3", "SecureMode must be exactly 2 or 3"),
    LIFETIME_NOT_DECIMAL("EC-7", "Lifetime must be a decimal integer of seconds: ASCII digits, no sign, no leading zero"),
    LIFETIME_OUT_OF_RANGE("EC-7", "Lifetime must be " + Lifetime.MIN_SECONDS + ".." + Lifetime.MAX_SECONDS + " seconds");

    private final String clause;
    private final String text;

    IdentityRule(String clause, String text) {
        this.clause = clause;
        this.text = text;
    }

    /** The protocol clause the rule comes from, e.g. {@code EC-7}. */
    public String clause() {
        return clause;
    }

    /** The rule in words. */
    public String text() {
        return text;
    }
}
