package dev.enoscoap.conformance.observe;

import dev.enoscoap.conformance.device.DeviceBehaviour;
import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deliberately broken devices that run on their own, each with one mistake, for the observation
 * kill matrix: each is judged on the purposes it targets (and what they need) and must fail
 * exactly the purposes listed, with a message holding the fragment given.
 */
final class BrokenDevices {
    static final DeviceId WITH_SECRET = DeviceId.parse("demoProduct/dev01");
    static final String DEVICE_SECRET = "demo-device-secret-01";
    static final DeviceId WITHOUT_SECRET = DeviceId.parse("demoProduct/dev03");
    static final String PRODUCT_SECRET = "demo-product-secret";

    /**
     * One broken device.
     *
     * @param name its name in the matrix
     * @param mistake what it does wrong, in words
     * @param activates whether it starts without a secret and activates
     * @param behaviour how it behaves
     * @param lifetime the Lifetime in its identity
     * @param interval seconds between its reports
     * @param targets the purposes it is judged on
     * @param failures each purpose it must fail, with a fragment its message must hold
     */
    record Broken(String name, String mistake, boolean activates, DeviceBehaviour behaviour, int lifetime,
            Duration interval, List<String> targets, Map<String, String> failures) {

        DeviceId device() {
            return activates ? WITHOUT_SECRET : WITH_SECRET;
        }

        Set<Capability> capabilities() {
            return Set.of(Capability.DOWNLINK, Capability.SESSION_REUSE);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private BrokenDevices() {
    }

    private static DeviceBehaviour.Builder named(String name) {
        return DeviceBehaviour.conformant().toBuilder().name(name);
    }

    private static Broken broken(String name, String mistake, DeviceBehaviour.Builder b, List<String> targets,
            String... purposeAndFragment) {
        return broken(name, mistake, false, b, 60, 2, targets, purposeAndFragment);
    }

    private static Broken broken(String name, String mistake, boolean activates, DeviceBehaviour.Builder b, int lifetime,
            int interval, List<String> targets, String... purposeAndFragment) {
        Map<String, String> failures = new LinkedHashMap<>();
        for (int i = 0; i < purposeAndFragment.length; i += 2) {
            failures.put(purposeAndFragment[i], purposeAndFragment[i + 1]);
        }
        return new Broken(name, mistake, activates, b.name(name).build(), lifetime, Duration.ofSeconds(interval), targets,
                failures);
    }

    /** The first 16 bytes of SHA-256 instead of bytes [8,24). */
    private static byte[] firstSixteen(String secret) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)),
                    16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Broken> all() {
        List<Broken> all = new ArrayList<>();
        all.add(broken("bad-identity", "writes its identity with '/' between the fields",
                named("").identity((pk, dk, mode, lt) -> pk + "/" + dk + "/" + mode + "/" + lt),
                List.of("ENOS-ID-01"), "ENOS-ID-01", "exactly four comma-separated fields"));
        all.add(broken("wrong-key", "derives its key from the first 16 bytes of SHA-256(secret)",
                named("").keyDerivation(BrokenDevices::firstSixteen),
                List.of("ENOS-KEY-01"), "ENOS-KEY-01", "key mismatch as 'demoProduct,dev01,2,60'"));
        all.add(broken("no-enos-suite", "offers only TLS_PSK_WITH_AES_128_GCM_SHA256",
                named("").cipherSuites(List.<EnosCipherSuite>of()).extraCipherSuites(List.of("TLS_PSK_WITH_AES_128_GCM_SHA256")),
                List.of("ENOS-DTLS-03"), "ENOS-DTLS-03", "offered [TLS_PSK_WITH_AES_128_GCM_SHA256"));
        all.add(broken("lifetime-20", "asks for a Lifetime of 20 s", false, named(""), 20, 2,
                List.of("ENOS-LT-05"), "ENOS-LT-05", "Lifetime must be 30..86400 seconds"));
        all.add(broken("lifetime-lapse", "reports every 40 s with a Lifetime of 30 s", false, named(""), 30, 40,
                List.of("ENOS-LT-06"), "ENOS-LT-06", "no message exchange for 30 s"));
        all.add(broken("wrong-sm3-key", "derives its SecureMode 3 key wrong", true,
                named("").keyDerivation(BrokenDevices::firstSixteen), 60, 2,
                List.of("ENOS-KEY-02"), "ENOS-KEY-02", "key mismatch as 'demoProduct,dev03,3,60'"));
        all.add(broken("bad-sm3-identity", "leaves the Lifetime out of its SecureMode 3 identity", true,
                named("").identity((pk, dk, mode, lt) -> mode == 3 ? pk + "," + dk + ",3" : pk + "," + dk + "," + mode
                        + "," + lt), 60, 2,
                List.of("ENOS-ID-02"), "ENOS-ID-02", "exactly four comma-separated fields"));
        all.add(broken("wrong-activation-path", "appends /v2 to the activation path", true,
                named("").activationPathSuffix("/v2"), 60, 2,
                List.of("ENOS-ACT-01"), "ENOS-ACT-01", "GET /topic/ext/session/demoProduct/dev03/thing/activate/info/v2 -> 4.03"));
        all.add(broken("product-secret-after-activation", "reconnects with the product secret instead of the returned one",
                true, named("").reconnectWithProductSecret(true), 60, 2,
                List.of("ENOS-ACT-02"), "ENOS-ACT-02", "derived its key from another value"));
        all.add(broken("stays-in-secure-mode-3", "after activation connects in SecureMode 3 again instead of 2", true,
                named("").reconnectMode(3).reconnectWithProductSecret(true), 60, 2,
                List.of("ENOS-ACT-03"), "ENOS-ACT-03", "another SecureMode 3 handshake"));
        all.add(broken("data-on-secure-mode-3", "reports a measure point on its SecureMode 3 session", true,
                named("").reportOnSecureMode3Session(true), 60, 2,
                List.of("ENOS-ACT-06"), "ENOS-ACT-06", "on the SecureMode 3 session"));
        all.add(broken("non-confirmable", "sends NON requests", named("").confirmable(false),
                List.of("ENOS-COAP-01"), "ENOS-COAP-01", "observed: NON POST"));
        all.add(broken("reused-message-id", "sends every request with Message ID 4242", named("").reuseMessageId(true),
                List.of("ENOS-COAP-02"), "ENOS-COAP-02", "Message ID 4242"));
        all.add(broken("reused-token", "sends every request with token 4242", named("").reuseToken(true),
                List.of("ENOS-COAP-02"), "ENOS-COAP-02", "token 4242"));
        all.add(broken("large-payloads", "pads every upload to more than 1 KB", named("").payloadPadding(1100),
                List.of("ENOS-COAP-03"), "ENOS-COAP-03", "bytes in POST"));
        all.add(broken("wrong-method", "names thing.measurepoint.set in its measure point uploads",
                named("").measurePointMethod("thing.measurepoint.set"),
                List.of("ENOS-UP-01"), "ENOS-UP-01", "reply code 1260"));
        all.add(broken("seconds-timestamps", "puts params.time in seconds", named("").timeInSeconds(true),
                List.of("ENOS-UP-03"), "ENOS-UP-03", "it looks like seconds"));
        all.add(broken("ignores-2100", "never follows option 2100", named("").followCommands(false),
                List.of("ENOS-DOWN-01"), "ENOS-DOWN-01", "no GET of it"));
        all.add(broken("reply-on-command-topic", "answers a command on its topic instead of _reply",
                named("").replySuffix(""), List.of("ENOS-DOWN-01"), "ENOS-DOWN-01", "-> 4.05"));
        all.add(broken("one-command-only", "answers the first command and then ignores option 2100",
                named("").commandsToAnswer(1), List.of("ENOS-DOWN-02"), "ENOS-DOWN-02", "no GET of it"));
        all.add(broken("never-retransmits", "waits 60 s for an ACK before retransmitting, gives up after 15 s",
                named("").ackTimeout(Duration.ofSeconds(60)),
                List.of("ENOS-ROB-01"), "ENOS-ROB-01", "no retransmission of"));
        all.add(broken("early-retransmission", "retransmits after 1 s", named("").ackTimeout(Duration.ofSeconds(1))
                .ackRandomFactor(1.0f), List.of("ENOS-ROB-04"), "ENOS-ROB-04", "the first retransmission of"));
        all.add(broken("no-doubling", "retransmits with the same timeout every time", named("").ackTimeoutScale(1.0f),
                List.of("ENOS-ROB-04"), "ENOS-ROB-04", "not about"));
        all.add(broken("hot-reconnect", "retries a failed handshake at once, its handshake failing in 0.3 s",
                named("").handshakeBackoff(Duration.ZERO).dtlsRetransmissions(Duration.ofMillis(100), 1)
                        .requestTimeout(Duration.ofSeconds(5)),
                List.of("ENOS-ROB-02"), "ENOS-ROB-02", "after the refused one"));
        all.add(broken("dead-session", "keeps sending into its session when no answer comes",
                named("").rehandshakeOnTimeout(false).requestTimeout(Duration.ofSeconds(5)),
                List.of("ENOS-ROB-03"), "ENOS-ROB-03", "into the forgotten session"));
        all.add(broken("reconnects-on-application-error", "starts a new handshake when a reply carries an error code",
                named("").reconnectOnApplicationError(true),
                List.of("ENOS-ROB-05"), "ENOS-ROB-05", "a new handshake"));
        return all;
    }
}
