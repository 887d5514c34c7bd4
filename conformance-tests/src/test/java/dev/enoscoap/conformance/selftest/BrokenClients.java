package dev.enoscoap.conformance.selftest;

import dev.enoscoap.conformance.reference.Behaviour;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deliberately broken clients, each the reference client with one mistake, with the purposes
 * that must fail for it and a fragment each failure message must contain.
 */
final class BrokenClients {

    /** A broken client and what the kit must say about it. */
    record Broken(String name, String mistake, Behaviour behaviour, Map<String, String> failures) {
        Set<String> failingPurposes() {
            return failures.keySet();
        }
    }

    private BrokenClients() {
    }

    static List<Broken> all() {
        Behaviour ok = Behaviour.conformant();
        String keyMismatch = "key mismatch";
        return List.of(
                broken("key-bytes-9-to-25", "PSK key = SHA-256 bytes [9,25) (one off)",
                        ok.with(b -> b.keyDerivation = s -> slice(digest("SHA-256", s), 9, 25)),
                        "ENOS-KEY-01", keyMismatch, "ENOS-KEY-02", keyMismatch),
                broken("key-first-16-bytes", "PSK key = the first 16 bytes of SHA-256",
                        ok.with(b -> b.keyDerivation = s -> slice(digest("SHA-256", s), 0, 16)),
                        "ENOS-KEY-01", keyMismatch, "ENOS-KEY-02", keyMismatch),
                broken("key-whole-digest", "PSK key = the whole 32-byte SHA-256",
                        ok.with(b -> b.keyDerivation = s -> digest("SHA-256", s)),
                        "ENOS-KEY-01", keyMismatch, "ENOS-KEY-02", keyMismatch),
                broken("key-hex-characters", "PSK key = 16 ASCII characters of the hex digest",
                        ok.with(b -> b.keyDerivation = s -> HexFormat.of().formatHex(digest("SHA-256", s))
                                .substring(16, 32).getBytes(StandardCharsets.US_ASCII)),
                        "ENOS-KEY-01", keyMismatch, "ENOS-KEY-02", keyMismatch),
                broken("key-sha1", "PSK key = first 16 bytes of SHA-1",
                        ok.with(b -> b.keyDerivation = s -> slice(digest("SHA-1", s), 0, 16)),
                        "ENOS-KEY-01", keyMismatch, "ENOS-KEY-02", keyMismatch),
                broken("identity-fields-reordered", "identity {DeviceKey},{ProductKey},{SecureMode},{Lifetime}",
                        ok.with(b -> b.identity = (pk, dk, mode, lifetime) -> dk + "," + pk + "," + mode + "," + lifetime),
                        "ENOS-ID-01", "identity 'dev01,demoProduct,2,120'", "ENOS-ID-02", "identity 'dev03,demoProduct,3,120'"),
                broken("secure-mode-3-with-device-secret", "SecureMode 3 in the identity when using the device secret",
                        ok.with(b -> b.deviceSecretMode = 3),
                        "ENOS-ID-01", "identity 'demoProduct,dev01,3,120'",
                        "ENOS-ACT-02", "DTLS handshake as 'demoProduct,dev03,3,120'",
                        "ENOS-ACT-04", "DTLS handshake as 'demoProduct,dev01,3,120'"),
                broken("lifetime-errors-swallowed", "sends Lifetime 29 and 86401 and reports success",
                        ok.with(b -> {
                            b.checkLifetime = false;
                            b.reportFailures = false;
                        }),
                        "ENOS-LT-03", "the client reported success although the server refused", "ENOS-LT-04",
                        "the client reported success although the server refused"),
                broken("lifetime-clamped", "sends Lifetime 60 when asked for 30 and 3600 when asked for 86400",
                        ok.with(b -> b.identity = (pk, dk, mode, lifetime) -> pk + "," + dk + "," + mode + ","
                                + Math.min(3600, Math.max(60, lifetime))),
                        "ENOS-LT-01", "identity 'demoProduct,dev01,2,60'", "ENOS-LT-02", "identity 'demoProduct,dev01,2,3600'"),
                broken("unsupported-suite-only", "offers only TLS_PSK_WITH_AES_128_GCM_SHA256",
                        ok.with(b -> b.offeredSuites = List.of("TLS_PSK_WITH_AES_128_GCM_SHA256")),
                        "ENOS-DTLS-01", "no common cipher suite", "ENOS-DTLS-02", "no common cipher suite",
                        "ENOS-DTLS-03", "no common cipher suite"),
                broken("activation-path-of-another-device", "activation GET on another device's path",
                        ok.with(b -> b.activationPath = (pk, dk) -> "/topic/ext/session/" + pk + "/" + dk + "-other/thing/activate/info"),
                        "ENOS-ACT-01", "dev03-other/thing/activate/info -> 4.03"),
                broken("secret-from-wrong-field", "device secret read from params.assetId",
                        ok.with(b -> b.secretField = "assetId"),
                        "ENOS-ACT-02", "DTLS handshake as 'demoProduct,dev03,2,120'",
                        "ENOS-ACT-04", "DTLS handshake as 'demoProduct,dev01,2,120'"),
                broken("activation-hot-retry", "repeats a refused activation request at once, 20 times",
                        ok.with(b -> b.activationAttempts = 20),
                        "ENOS-ACT-05", "requests within 5 s"),
                broken("no-reconnect-after-activation", "keeps no SecureMode 2 session after activation",
                        ok.with(b -> b.reconnectAfterActivation = false),
                        "ENOS-ACT-03", "no SecureMode 2 handshake after activation"),
                broken("reused-token", "the same token on every request",
                        ok.with(b -> b.reuseToken = true),
                        "ENOS-COAP-02", "token '42' repeated"),
                broken("no-retransmission", "never retransmits a CON request",
                        ok.with(b -> b.retransmit = false),
                        "ENOS-ROB-01", "no retransmission of Message ID"),
                broken("non-confirmable", "sends requests NON",
                        ok.with(b -> b.confirmable = false),
                        "ENOS-COAP-01", "requests NON", "ENOS-ROB-01", "no retransmission of Message ID"),
                broken("hot-handshake-retry", "retries a failed handshake at once, many times",
                        ok.with(b -> {
                            b.handshakeAttempts = 10;
                            b.handshakeBackoff = Duration.ZERO;
                            b.dtlsRetransmissionTimeout = Duration.ofMillis(50);
                            b.dtlsMaxRetransmissions = 1;
                        }),
                        "ENOS-ROB-02", "next handshake after"),
                broken("reply-code-ignored", "takes any 2.04 as success without reading the reply code",
                        ok.with(b -> b.readReplyCode = false),
                        "ENOS-UP-02", "returned PublishResult[coapCode=2.04, replyCode=-1]"),
                broken("dead-session-kept", "keeps using a session the server has forgotten",
                        ok.with(b -> b.rehandshakeOnTimeout = false),
                        "ENOS-ROB-03", "no response"),
                broken("ignores-option-2100", "never fetches announced commands",
                        ok.with(b -> b.followCommands = false),
                        "ENOS-DOWN-01", "the command was never fetched"),
                broken("wrong-upload-method", "uploads with method thing.measurepoint.update",
                        ok.with(b -> b.measurePointMethod = "thing.measurepoint.update"),
                        "ENOS-UP-01", "reply code 1260"));
    }

    private static Broken broken(String name, String mistake, Behaviour behaviour, String... purposeAndFragment) {
        Map<String, String> failures = new LinkedHashMap<>();
        for (int i = 0; i < purposeAndFragment.length; i += 2) {
            failures.put(purposeAndFragment[i], purposeAndFragment[i + 1]);
        }
        return new Broken(name, mistake, behaviour.with(b -> b.name = "broken:" + name), failures);
    }

    static Broken byName(String name) {
        return all().stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no broken client " + name));
    }

    private static byte[] digest(String algorithm, String secret) {
        try {
            return MessageDigest.getInstance(algorithm).digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }
}
