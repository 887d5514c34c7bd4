package dev.enoscoap.conformance.selftest;

import dev.enoscoap.conformance.reference.Behaviour;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Deliberately broken clients, with the purposes that must fail for each and a fragment each
 * failure message must contain. Java ones are the reference client with named mistakes; command-line
 * ones are small scripts (test resources {@code broken-clients/}) around the libcoap shim, or tiny
 * fakes, run through the real runner.
 */
final class BrokenClients {
    /** Capabilities the command-line clients declare: the libcoap shim's. */
    static final String SHIM_CAPABILITIES = "SECURE_MODE_2,SECURE_MODE_3,CIPHER_CCM_8,CIPHER_CBC_SHA256,UPLINK,"
            + "UPLINK_BATCH,UPLINK_RESUME,EVENT,ATTRIBUTE";

    /** How a broken client is run. */
    sealed interface Client permits Java, CommandLine {
    }

    /** The reference client with a behaviour. */
    record Java(Behaviour behaviour) implements Client {
    }

    /**
     * A command-line client through the runner.
     *
     * @param script resource under {@code broken-clients/}, called with the libcoap shim's arguments
     * @param env environment for the script (e.g. a fake {@code LIBCOAP_CLIENT})
     * @param secretArg what to pass as {@code --secret}
     * @param timeoutSeconds the runner's {@code --timeout}
     * @param preflightRefusal for a client the runner's preflight must refuse (exit 2, no report), a
     *        fragment of the reason it must give; the suites then judge it directly. {@code null}
     *        for a client the runner judges.
     */
    record CommandLine(String script, Map<String, String> env, String secretArg, int timeoutSeconds,
            String preflightRefusal) implements Client {
    }

    /**
     * A broken client and what the kit must say about it.
     *
     * @param alsoRun purposes to run besides the failing ones (none of them may pass when {@code neverPasses})
     * @param neverPasses whether no purpose at all may pass (a client that never talks to the server)
     */
    record Broken(String name, String mistake, Client client, Map<String, String> failures, Set<String> alsoRun,
            boolean neverPasses) {
        Set<String> failingPurposes() {
            return failures.keySet();
        }

        Set<String> selected() {
            Set<String> all = new TreeSet<>(failures.keySet());
            all.addAll(alsoRun);
            return all;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private BrokenClients() {
    }

    static List<Broken> all() {
        List<Broken> all = new ArrayList<>(java());
        all.addAll(commandLine());
        return all;
    }

    private static List<Broken> java() {
        String keyMismatch = "key mismatch";
        return List.of(
                java("key-bytes-9-to-25", "PSK key = SHA-256 bytes [9,25) (one off)",
                        b -> b.keyDerivation(s -> slice(digest("SHA-256", s), 9, 25)),
                        "ENOS-KEY-01", keyMismatch, "ENOS-KEY-02", keyMismatch),
                java("key-first-16-bytes", "PSK key = the first 16 bytes of SHA-256",
                        b -> b.keyDerivation(s -> slice(digest("SHA-256", s), 0, 16)),
                        "ENOS-KEY-01", keyMismatch, "ENOS-KEY-02", keyMismatch),
                java("key-whole-digest", "PSK key = the whole 32-byte SHA-256",
                        b -> b.keyDerivation(s -> digest("SHA-256", s)),
                        "ENOS-KEY-01", keyMismatch, "ENOS-KEY-02", keyMismatch),
                java("key-hex-characters", "PSK key = 16 ASCII characters of the hex digest",
                        b -> b.keyDerivation(s -> HexFormat.of().formatHex(digest("SHA-256", s)).substring(16, 32)
                                .getBytes(StandardCharsets.US_ASCII)),
                        "ENOS-KEY-01", keyMismatch, "ENOS-KEY-02", keyMismatch),
                java("key-sha1", "PSK key = first 16 bytes of SHA-1",
                        b -> b.keyDerivation(s -> slice(digest("SHA-1", s), 0, 16)),
                        "ENOS-KEY-01", keyMismatch, "ENOS-KEY-02", keyMismatch),
                java("identity-fields-reordered", "identity {DeviceKey},{ProductKey},{SecureMode},{Lifetime}",
                        b -> b.identity((pk, dk, mode, lifetime) -> dk + "," + pk + "," + mode + "," + lifetime),
                        "ENOS-ID-01", "identity 'dev01,demoProduct,2,120'", "ENOS-ID-02", "identity 'dev03,demoProduct,3,120'"),
                java("secure-mode-3-with-device-secret", "SecureMode 3 in the identity when using the device secret",
                        b -> b.deviceSecretMode(3), Set.of("ENOS-ACT-03"),
                        "ENOS-ID-01", "identity 'demoProduct,dev01,3,120'"),
                java("lifetime-errors-swallowed", "sends Lifetime 29 and 86401 and reports success",
                        b -> b.checkLifetime(false).reportFailures(false),
                        "ENOS-LT-03", "the client reported success although the server refused",
                        "ENOS-LT-04", "the client reported success although the server refused"),
                java("lifetime-clamped", "sends Lifetime 60 when asked for 30 and 3600 when asked for 86400",
                        b -> b.identity((pk, dk, mode, lifetime) -> pk + "," + dk + "," + mode + ","
                                + Math.min(3600, Math.max(60, lifetime))),
                        "ENOS-LT-01", "identity 'demoProduct,dev01,2,60'", "ENOS-LT-02", "identity 'demoProduct,dev01,2,3600'"),
                java("unsupported-suite-only", "offers only TLS_PSK_WITH_AES_128_GCM_SHA256",
                        b -> b.offeredSuites(List.of("TLS_PSK_WITH_AES_128_GCM_SHA256")), Set.of("ENOS-DTLS-01", "ENOS-ID-01"),
                        "ENOS-DTLS-03", "no common cipher suite"),
                java("cbc-only-though-ccm8-declared", "declares CCM_8 but offers only TLS_PSK_WITH_AES_128_CBC_SHA256",
                        b -> b.offeredSuites(List.of("TLS_PSK_WITH_AES_128_CBC_SHA256")), Set.of("ENOS-DTLS-02"),
                        "ENOS-DTLS-01", "no common cipher suite"),
                java("ccm8-only-though-cbc-declared", "declares CBC_SHA256 but offers only TLS_PSK_WITH_AES_128_CCM_8",
                        b -> b.offeredSuites(List.of("TLS_PSK_WITH_AES_128_CCM_8")), Set.of("ENOS-DTLS-01"),
                        "ENOS-DTLS-02", "no common cipher suite"),
                java("activation-path-of-another-device", "activation GET on another device's path",
                        b -> b.activationPath((pk, dk) -> "/topic/ext/session/" + pk + "/" + dk + "-other/thing/activate/info"),
                        "ENOS-ACT-01", "dev03-other/thing/activate/info -> 4.03"),
                java("secret-from-wrong-field", "device secret read from params.assetId",
                        b -> b.secretField("assetId"), Set.of("ENOS-ACT-03"),
                        "ENOS-ACT-02", "the client reported '", "ENOS-ACT-04", "reconnect failed"),
                java("activation-hot-retry", "repeats a refused activation request at once, 20 times",
                        b -> b.activationAttempts(20),
                        "ENOS-ACT-05", "requests within 5 s"),
                java("activation-falls-back-to-product-secret", "takes 4.04 or no answer as activated and reports the product secret",
                        b -> b.activationFallback(Behaviour.ActivationFallback.PRODUCT_SECRET),
                        "ENOS-ACT-05", "reported success: 'demo-product-secret'"),
                java("no-reconnect-after-activation", "keeps no SecureMode 2 session after activation",
                        b -> b.reconnectAfterActivation(false),
                        "ENOS-ACT-03", "no SecureMode 2 handshake after activation"),
                java("data-on-secure-mode-3-session", "reports a measure point on its SecureMode 3 session after activation, then reconnects",
                        b -> b.reportOnSecureMode3Session(true),
                        "ENOS-ACT-03", "data reported before it: [POST /topic/sys/demoProduct/dev03/thing/measurepoint/post -> 4.03",
                        "ENOS-ACT-06", "also [POST"),
                java("probe-topic-on-secure-mode-3-session", "GETs its own topic on the SecureMode 3 session before activating",
                        b -> b.probeTopicOnSecureMode3Session(true), Set.of("ENOS-ACT-03"),
                        "ENOS-ACT-06", "also [GET /topic/sys/demoProduct/dev03/thing/measurepoint/post -> 4.03"),
                java("reconnect-with-product-secret", "reconnects after activation with the product secret, not the returned one",
                        b -> b.reconnectWithProductSecret(true), Set.of("ENOS-ACT-02"),
                        "ENOS-ACT-03", "the key was not derived from the secret the answer returned"),
                java("imei-as-number", "writes a numeric DeviceKey as a floating-point number",
                        b -> b.identity((pk, dk, mode, lifetime) -> pk + "," + numeric(dk) + "," + mode + "," + lifetime),
                        "ENOS-ID-03", "identity 'demoProduct,8.60123456789012E14,3,120'"),
                java("reused-token", "the same token on every request",
                        b -> b.reuseToken(true),
                        "ENOS-COAP-02", "token '42' repeated"),
                java("no-retransmission", "never retransmits a CON request",
                        b -> b.retransmit(false),
                        "ENOS-ROB-01", "no retransmission of Message ID"),
                java("non-confirmable", "sends requests NON",
                        b -> b.confirmable(false),
                        "ENOS-COAP-01", "requests NON", "ENOS-ROB-01", "no retransmission of Message ID"),
                java("oversized-payload", "pads every upload body past 1 KB",
                        b -> b.payloadPadding(1200),
                        "ENOS-COAP-03", "bytes]"),
                java("hot-handshake-retry", "retries a failed handshake at once, many times",
                        b -> b.handshakeRetries(10, Duration.ZERO).dtlsRetransmission(Duration.ofMillis(50), 1),
                        "ENOS-ROB-02", "next handshake after"),
                java("reply-code-ignored", "takes any 2.04 as success without reading the reply code",
                        b -> b.readReplyCode(false),
                        "ENOS-UP-02", "coapCode=2.04 (no reply code)"),
                java("time-in-seconds", "writes params.time in seconds",
                        b -> b.timeInSeconds(true),
                        "ENOS-UP-03", "it looks like seconds"),
                java("error-answers-as-success", "reports 2.04 for an upload answered 4.xx or 5.xx",
                        b -> b.errorAnswersAsSuccess(true),
                        "ENOS-UP-08", "the client reported success for [4.00"),
                java("batch-with-post-method", "sends batches with method thing.measurepoint.post",
                        b -> b.batchMethod("thing.measurepoint.post"),
                        "ENOS-UP-04", "code 1260"),
                java("offline-data-on-live-topic", "sends offline data on measurepoint/post instead of resume",
                        b -> b.resumeOnPostTopic(true),
                        "ENOS-UP-05", "POST /topic/sys/demoProduct/dev01/thing/measurepoint/resume accepted"),
                java("event-method-without-identifier", "posts events with method thing.event.post",
                        b -> b.eventMethod(id -> "thing.event.post"),
                        "ENOS-UP-06", "code 1260"),
                java("attributes-as-measurepoints", "sends attributes in params.measurepoints",
                        b -> b.attributesMember("measurepoints"),
                        "ENOS-UP-07", "thing/attribute/update -> "),
                java("dead-session-kept", "keeps using a session the server has forgotten",
                        b -> b.rehandshakeOnTimeout(false),
                        "ENOS-ROB-03", "no new handshake after the session was forgotten"),
                java("ignores-option-2100", "never fetches announced commands",
                        b -> b.followCommands(false), Set.of("ENOS-DOWN-02"),
                        "ENOS-DOWN-01", "never fetched"),
                java("answers-only-one-command", "answers the first waiting command and stops",
                        b -> b.commandsPerCall(1),
                        "ENOS-DOWN-02", "never fetched"),
                java("wrong-upload-method", "uploads with method thing.measurepoint.update",
                        b -> b.measurePointMethod("thing.measurepoint.update"),
                        "ENOS-UP-01", "code 1260"),
                java("reused-token+time-in-seconds", "two defects: the same token on every request, params.time in seconds",
                        b -> b.reuseToken(true).timeInSeconds(true),
                        "ENOS-COAP-02", "token '42' repeated", "ENOS-UP-03", "it looks like seconds"),
                java("lifetime-errors-swallowed+ignores-option-2100", "two defects: illegal Lifetimes reported as success, "
                        + "option 2100 ignored",
                        b -> b.checkLifetime(false).reportFailures(false).followCommands(false),
                        "ENOS-LT-03", "the client reported success", "ENOS-LT-04", "the client reported success",
                        "ENOS-DOWN-01", "never fetched"),
                java("secret-from-wrong-field+non-confirmable", "two defects: secret read from params.assetId, requests NON",
                        b -> b.secretField("assetId").confirmable(false),
                        "ENOS-ACT-02", "the client reported '", "ENOS-ACT-04", "reconnect failed",
                        "ENOS-COAP-01", "requests NON", "ENOS-ROB-01", "no retransmission of Message ID"));
    }

    private static List<Broken> commandLine() {
        Map<String, String> none = Map.of();
        return List.of(
                cli("cli-exit-3-for-every-failure", "the libcoap shim answering exit 3 (not implemented) for every failure",
                        "exit-3-on-failure.sh", none, "{secret}", Set.of("ENOS-BASE-01"),
                        "ENOS-LT-03", "(exit 3)", "ENOS-LT-04", "(exit 3)", "ENOS-ACT-05", "(exit 3)",
                        "ENOS-UP-02", "(exit 3)", "ENOS-UP-08", "(exit 3)"),
                cli("cli-wrong-key-exit-3", "a wrong secret, and exit 3 for every failure",
                        "exit-3-on-failure.sh", Map.of("LIBCOAP_WAIT", "2"), "{secret}-wrong", Set.of(),
                        "ENOS-BASE-01", "REFUSED KEY_MISMATCH", "ENOS-ID-01", "(exit 3)", "ENOS-ID-02", "(exit 3)",
                        "ENOS-KEY-01", "key mismatch", "ENOS-KEY-02", "key mismatch"),
                cli("cli-always-2.04", "prints coapCode=2.04 replyCode=200 whatever the answer",
                        "always-2.04.sh", none, "{secret}", Set.of(),
                        "ENOS-UP-02", "coapCode=2.04 replyCode=200", "ENOS-UP-08", "the client reported success for [4.00"),
                cli("cli-time-in-seconds", "writes params.time in seconds",
                        "libcoap-shim.sh", Map.of("BROKEN", "time-in-seconds"), "{secret}", Set.of(),
                        "ENOS-UP-03", "it looks like seconds"),
                cli("cli-spaces-in-identity", "puts a space after every comma of the identity",
                        "libcoap-shim.sh", Map.of("BROKEN", "spaces-in-identity", "LIBCOAP_WAIT", "2"), "{secret}",
                        Set.of("ENOS-LT-01"),
                        "ENOS-ID-01", "identity 'demoProduct, dev01, 2, 120'"),
                cli("cli-imei-as-number", "writes a 15-digit DeviceKey in exponent form",
                        "libcoap-shim.sh", Map.of("BROKEN", "imei-as-number", "LIBCOAP_WAIT", "2"), "{secret}", Set.of(),
                        "ENOS-ID-03", "identity 'demoProduct,8.60123456789012e+14,3,120'"),
                cli("cli-oversized-payload", "pads every upload body past 1 KB",
                        "libcoap-shim.sh", Map.of("BROKEN", "oversized-payload"), "{secret}", Set.of(),
                        "ENOS-COAP-03", "bytes]"),
                cli("cli-reconnect-with-product-secret", "reconnects after activation with the product secret",
                        "libcoap-shim.sh", Map.of("BROKEN", "reconnect-with-product-secret", "LIBCOAP_WAIT", "2"), "{secret}",
                        Set.of("ENOS-ACT-02"),
                        "ENOS-ACT-03", "the key was not derived from the secret the answer returned"),
                cli("cli-data-before-reconnect", "posts a measure point on its SecureMode 3 session after activation",
                        "libcoap-shim.sh", Map.of("BROKEN", "data-before-reconnect"), "{secret}", Set.of(),
                        "ENOS-ACT-03", "data reported before it", "ENOS-ACT-06", "also [POST"),
                cli("cli-dtls-1.0", "connects with DTLS 1.0 instead of DTLS 1.2",
                        "dtls-1.0.sh", none, "{secret}", Set.of(),
                        "ENOS-DTLS-04", "version"),
                cli("cli-silent-success", "exits 0 and prints the expected lines without any network traffic",
                        "silent-success.sh", none, "{secret}", Set.of("ENOS-ID-01", "ENOS-UP-01", "ENOS-ACT-02"),
                        "ENOS-BASE-01", "no handshake reached the server; the client reported success"),
                cli("cli-hangs", "never returns", "hangs.sh", none, "{secret}", Set.of("ENOS-ID-01"),
                        "ENOS-BASE-01", "did not finish within 2 s and was stopped"),
                cli("cli-garbage-exit-1", "prints garbage and exits 1", "garbage.sh", none, "{secret}", Set.of("ENOS-ID-01"),
                        "ENOS-BASE-01", "the client exited with 1"),
                cli("cli-noisy-stderr", "writes a 20 KB line and control bytes to stderr and exits 1", "noisy-stderr.sh",
                        none, "{secret}", Set.of(),
                        "ENOS-BASE-01", "…(20000 chars)"),
                cli("cli-time-in-seconds+always-2.04", "two defects: params.time in seconds, always coapCode=2.04",
                        "always-2.04.sh", Map.of("BROKEN", "time-in-seconds"), "{secret}", Set.of(),
                        "ENOS-UP-02", "coapCode=2.04 replyCode=200", "ENOS-UP-03", "it looks like seconds",
                        "ENOS-UP-08", "the client reported success for [4.00"));
    }

    private static Broken java(String name, String mistake, UnaryOperator<Behaviour.Builder> change,
            String... purposeAndFragment) {
        return java(name, mistake, change, Set.of(), purposeAndFragment);
    }

    private static Broken java(String name, String mistake, UnaryOperator<Behaviour.Builder> change, Set<String> alsoRun,
            String... purposeAndFragment) {
        Behaviour b = change.apply(Behaviour.conformant().toBuilder()).name("broken:" + name).build();
        return new Broken(name, mistake, new Java(b), failures(purposeAndFragment), alsoRun, false);
    }

    private static Broken cli(String name, String mistake, String script, Map<String, String> env, String secretArg,
            Set<String> alsoRun, String... purposeAndFragment) {
        boolean hangs = script.equals("hangs.sh");
        int timeout = hangs ? 2 : 20;
        // The runner's preflight refuses a client whose connect does not return in time; every other one
        // returns (whatever its exit code) and is judged by the runner.
        String refusal = hangs ? "it did not return within " + timeout + " s and was stopped" : null;
        boolean silent = Set.of("silent-success.sh", "hangs.sh", "garbage.sh", "noisy-stderr.sh").contains(script);
        // A client that never talks to the server is judged on every purpose: none may pass.
        Set<String> run = silent ? dev.enoscoap.conformance.suite.Catalogue.load()
                .judgedBy(dev.enoscoap.conformance.suite.JudgedBy.ACTIVE).all().keySet() : alsoRun;
        return new Broken(name, mistake, new CommandLine(script, env, secretArg, timeout, refusal),
                failures(purposeAndFragment), run, silent);
    }

    private static Map<String, String> failures(String... purposeAndFragment) {
        Map<String, String> failures = new LinkedHashMap<>();
        for (int i = 0; i < purposeAndFragment.length; i += 2) {
            failures.put(purposeAndFragment[i], purposeAndFragment[i + 1]);
        }
        return failures;
    }

    static Broken byName(String name) {
        return all().stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no broken client " + name));
    }

    private static String numeric(String deviceKey) {
        return deviceKey.matches("\\d+") ? Double.toString(new BigDecimal(deviceKey).doubleValue()) : deviceKey;
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
