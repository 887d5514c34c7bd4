package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
/**
 * Something the mock can see that several purposes rely on. The catalogue says which purpose
 * establishes each fact ({@code establishes}); when a judgement finds a fact missing (e.g. a key
 * mismatch), it names that purpose as the reason, so suite code never repeats purpose ids.
 */
@API(status = INTERNAL, since = "0.1")
public enum Fact {
    /** Baseline: a SecureMode 2 handshake and a measure point accepted. */
    BASELINE,
    /** The client speaks DTLS 1.2. */
    DTLS_VERSION,
    /** The SecureMode 2 identity is right. */
    SM2_IDENTITY,
    /** The SecureMode 2 key is derived right. */
    SM2_KEY,
    /** The SecureMode 3 identity is right. */
    SM3_IDENTITY,
    /** The SecureMode 3 key is derived right. */
    SM3_KEY,
    /** The client offers an EnOS cipher suite. */
    CIPHER_SUITE,
    /** The activation request reaches its own path and is answered. */
    ACTIVATION_REQUEST,
    /** The device secret is read from the activation answer. */
    DEVICE_SECRET,
    /** The client reconnects in SecureMode 2 after activation. */
    SM2_RECONNECT,
    /** A measure point upload is accepted. */
    MEASURE_POINT_UPLOAD,
    /** A downlink command is fetched and answered. */
    COMMAND_ANSWER
}
