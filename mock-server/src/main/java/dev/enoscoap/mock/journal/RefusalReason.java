package dev.enoscoap.mock.journal;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * Why a handshake was refused, with the clause of PROTOCOL.md it enforces.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum RefusalReason {
    /** The PSK identity is malformed; {@link HandshakeEntry#identityRule()} names the rule. */
    BAD_IDENTITY("EC-3", "the PSK identity is malformed"),
    /** The identity names a product the registry does not have. */
    UNKNOWN_PRODUCT("EC-3", "the product key is not registered"),
    /** The identity names a device the product does not have. */
    UNKNOWN_DEVICE("EC-4", "the device key is not registered under the product"),
    /** SecureMode 3 for a product whose dynamic activation is off. */
    DYNAMIC_ACTIVATION_DISABLED("EC-5", "SecureMode 3 needs dynamic activation, which is off for the product"),
    /** SecureMode 3 for a product without a product secret. */
    PRODUCT_HAS_NO_SECRET("EC-5", "the product has no product secret to derive a SecureMode 3 key from"),
    /** SecureMode 2 for a device that has no secret yet (it must activate in SecureMode 3 first). */
    DEVICE_HAS_NO_SECRET("EC-4", "the device has no device secret yet; it must activate in SecureMode 3 first (EC-8)"),
    /** The client's Finished did not verify: it derived a different key from the secret. */
    KEY_MISMATCH("EC-6", "the client's Finished did not verify: its PSK key differs from bytes [8,24) of SHA-256(secret)"),
    /** The client spoke another protocol version than DTLS 1.2, the only one the mock (and EnOS) speaks. */
    PROTOCOL_VERSION("EC-1", "the client spoke another DTLS version than 1.2"),
    /** The client offered no cipher suite the server has enabled. */
    NO_COMMON_CIPHER_SUITE("EC-2", "the client offered none of the server's cipher suites"),
    /** SecureMode 3 of an unknown device key when auto-registration has added as many devices as it may. */
    AUTO_REGISTRATION_LIMIT("EC-5", "auto-registration has added as many devices as the mock allows"),
    /** A refusal the mock was told to inject. */
    FAULT_INJECTED("-", "refused on purpose by a scripted fault"),
    /**
     * The server already holds its maximum number of DTLS connections and none has been idle long
     * enough to make room. One entry stands for every ClientHello refused in an interval; its detail
     * gives the count.
     */
    CONNECTION_LIMIT("-", "the server holds its maximum number of DTLS connections"),
    /** Any other handshake failure, such as a timeout after the server's flight. */
    HANDSHAKE_FAILED("EC-2", "the handshake did not complete");

    private final String clause;
    private final String text;

    RefusalReason(String clause, String text) {
        this.clause = clause;
        this.text = text;
    }

    /** The clause enforced, e.g. {@code EC-6}. */
    public String clause() {
        return clause;
    }

    /** The reason in words. */
    public String text() {
        return text;
    }
}
