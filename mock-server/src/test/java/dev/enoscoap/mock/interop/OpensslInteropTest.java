package dev.enoscoap.mock.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.mock.Await;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.IdentityRule;
import dev.enoscoap.mock.protocol.PskKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code openssl s_client -dtls1_2} handshakes against the mock. */
class OpensslInteropTest {
    private EnosMockServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private List<String> sClientCommand(Path openssl, String identity, String keyHex, EnosCipherSuite suite) {
        return List.of(openssl.toString(), "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + server.port(),
                "-psk_identity", identity, "-psk", keyHex, "-cipher", suite.opensslName(), "-brief");
    }

    private ExternalTool.Run sClient(Path openssl, String identity, String keyHex, EnosCipherSuite suite) {
        return ExternalTool.run(sClientCommand(openssl, identity, keyHex, suite), Duration.ofSeconds(20));
    }

    /** Starts s_client, waits for the server's verdict on its handshake, and stops it. */
    private HandshakeEntry refusedHandshake(Path openssl, String identity, String keyHex, EnosCipherSuite suite) {
        Process client = ExternalTool.start(sClientCommand(openssl, identity, keyHex, suite));
        try {
            Await.until(Duration.ofSeconds(10), () -> !server.journal().handshakes().isEmpty(), server.journal()::dump);
            return server.journal().handshakes().get(0);
        } finally {
            client.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "{0} SecureMode {1}")
    @CsvSource({
        "CCM_8, demoProduct,dev02,2,600, demo-device-secret-02",
        "CBC_SHA256, demoProduct,dev02,2,600, demo-device-secret-02",
        "CCM_8, demoProduct,dev03,3,600, demo-product-secret",
        "CBC_SHA256, demoProduct,dev03,3,600, demo-product-secret"})
    void handshakeCompletesWithEachSuiteInEachSecureMode(EnosCipherSuite suite, String pk, String dk, int mode,
            int lifetime, String secret) {
        Path openssl = ExternalTool.require("openssl", "openssl");
        server = EnosMockServer.builder().start();
        String identity = pk + "," + dk + "," + mode + "," + lifetime;

        ExternalTool.Run run = sClient(openssl, identity, PskKeys.deriveHex(secret), suite);

        assertThat(run.output()).contains("CONNECTION ESTABLISHED").contains(suite.opensslName());
        HandshakeEntry h = server.journal().handshakes().get(0);
        assertThat(h.accepted()).isTrue();
        assertThat(h.identityReceived()).isEqualTo(identity);
        assertThat(h.cipherSuite()).isEqualTo(suite.ianaName());
        assertThat(h.identity().secureMode().code()).isEqualTo(mode);
    }

    @Test
    void aDtls10HandshakeIsRefusedOnTheProtocolVersion() {
        Path openssl = ExternalTool.require("openssl", "openssl");
        server = EnosMockServer.builder().start();
        Process client = ExternalTool.start(List.of(openssl.toString(), "s_client", "-dtls1", "-connect",
                "127.0.0.1:" + server.port(), "-psk_identity", "demoProduct,dev02,2,600", "-psk",
                PskKeys.deriveHex("demo-device-secret-02"), "-cipher", "PSK-AES128-CBC-SHA:@SECLEVEL=0", "-brief"));
        try {
            Await.until(Duration.ofSeconds(10), () -> !server.journal().handshakes().isEmpty(), server.journal()::dump);
        } finally {
            client.destroyForcibly();
        }
        HandshakeEntry h = server.journal().handshakes().get(0);
        assertThat(h.accepted()).isFalse();
        assertThat(h.reason()).isEqualTo(RefusalReason.PROTOCOL_VERSION);
        assertThat(h.clientVersionName()).isEqualTo("DTLS1.0");
        assertThat(h.describe()).contains("REFUSED PROTOCOL_VERSION").contains("hello=DTLS1.0");
    }

    @Test
    void wrongKeyIsAKeyMismatch() {
        Path openssl = ExternalTool.require("openssl", "openssl");
        server = EnosMockServer.builder().start();
        // The 16 ASCII characters of the hex digest: one of the EC-6 misreadings.
        String hexCharsAsKey = PskKeys.deriveHex("demo-device-secret-02").substring(0, 16);
        String key = java.util.HexFormat.of().formatHex(hexCharsAsKey.getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        HandshakeEntry h = refusedHandshake(openssl, "demoProduct,dev02,2,60", key, EnosCipherSuite.CCM_8);

        assertThat(h.accepted()).isFalse();
        assertThat(h.reason()).isEqualTo(RefusalReason.KEY_MISMATCH);
    }

    @Test
    void malformedIdentityIsRefusedWithItsRule() {
        Path openssl = ExternalTool.require("openssl", "openssl");
        server = EnosMockServer.builder().start();

        HandshakeEntry h = refusedHandshake(openssl, "demoProduct,dev02,2,86401",
                PskKeys.deriveHex("demo-device-secret-02"), EnosCipherSuite.CBC_SHA256);

        assertThat(h.reason()).isEqualTo(RefusalReason.BAD_IDENTITY);
        assertThat(h.identityRule()).isEqualTo(IdentityRule.LIFETIME_OUT_OF_RANGE);
    }
}
