package dev.enoscoap.mock.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.mock.Await;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.PskKeys;
import dev.enoscoap.mock.protocol.SecureMode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * libcoap's coap-client (Debian libcoap3-bin: an OpenSSL and a GnuTLS build) against the mock.
 * coap-client exits 0 even when the handshake fails, so it is judged by its output and by the
 * server's journal.
 */
class LibcoapInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private EnosMockServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private ExternalTool.Run coapClient(Path tool, String method, String identity, byte[] key, String path, String payload) {
        String script = ExternalTool.quote(tool.toString()) + " -B 5 -m " + method + " -u " + ExternalTool.quote(identity)
                + " -k " + ExternalTool.rawBytesLiteral(key)
                + (payload == null ? "" : " -t json -e " + ExternalTool.quote(payload))
                + " " + ExternalTool.quote(server.coapsUri() + path);
        return ExternalTool.bash(script, TIMEOUT);
    }

    @ParameterizedTest(name = "{0} with server suite {1}")
    @CsvSource({
        "coap-client-openssl, CCM_8",
        "coap-client-openssl, CBC_SHA256",
        "coap-client-gnutls, CCM_8",
        "coap-client-gnutls, CBC_SHA256"})
    void secureMode2RequestWithEachSuite(String client, EnosCipherSuite suite) {
        Path tool = ExternalTool.require(client, "libcoap3-bin");
        server = EnosMockServer.builder().cipherSuites(suite).start();

        ExternalTool.Run run = coapClient(tool, "post", "demoProduct,dev01,2,60", PskKeys.derive("demo-device-secret-01"),
                "/topic/sys/demoProduct/dev01/no/such/topic", "{\"id\":\"1\"}");

        assertThat(run.output()).as("coap-client output").contains("4.04");
        HandshakeEntry handshake = server.journal().handshakes().get(0);
        assertThat(handshake.accepted()).isTrue();
        assertThat(handshake.cipherSuite()).isEqualTo(suite.ianaName());
        assertThat(server.journal().exchanges()).singleElement().satisfies(e -> {
            assertThat(e.method()).isEqualTo("POST");
            assertThat(e.confirmable()).isTrue();
            assertThat(e.payloadSize()).isEqualTo(10);
        });
    }

    @ParameterizedTest(name = "{0} with server suite {1}")
    @CsvSource({"coap-client-openssl, CCM_8", "coap-client-gnutls, CBC_SHA256"})
    void secureMode3ActivationThenSecureMode2ReconnectWithTheReturnedSecret(String client, EnosCipherSuite suite)
            throws Exception {
        Path tool = ExternalTool.require(client, "libcoap3-bin");
        server = EnosMockServer.builder().cipherSuites(suite).start();

        ExternalTool.Run activation = coapClient(tool, "get", "demoProduct,dev04,3,300", PskKeys.derive("demo-product-secret"),
                "/topic/ext/session/demoProduct/dev04/thing/activate/info", null);

        String out = activation.output();
        JsonNode body = new ObjectMapper().readTree(out.substring(out.indexOf('{'), out.lastIndexOf('}') + 1));
        String secret = body.get("params").get("deviceSecret").asText();
        assertThat(secret).isNotEmpty();

        ExternalTool.Run reconnect = coapClient(tool, "get", "demoProduct,dev04,2,300", PskKeys.derive(secret),
                "/topic/sys/demoProduct/dev04/anything", null);

        assertThat(reconnect.output()).contains("4.04");
        assertThat(server.journal().handshakes(new DeviceId("demoProduct", "dev04")))
                .allSatisfy(h -> assertThat(h.cipherSuite()).isEqualTo(suite.ianaName()))
                .extracting(h -> h.identity().secureMode(), HandshakeEntry::accepted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SecureMode.PRODUCT_SECRET, true),
                        org.assertj.core.groups.Tuple.tuple(SecureMode.DEVICE_SECRET, true));
    }

    @Test
    void wrongKeyFailsAndIsJournaledAsKeyMismatch() {
        Path tool = ExternalTool.require("coap-client-gnutls", "libcoap3-bin");
        server = EnosMockServer.builder().start();

        ExternalTool.Run run = coapClient(tool, "get", "demoProduct,dev01,2,60", PskKeys.derive("wrong-secret"),
                "/topic/sys/demoProduct/dev01/x", null);

        assertThat(run.output()).doesNotContain("4.04");
        Await.until(Duration.ofSeconds(5), () -> !server.journal().handshakes().isEmpty(), server.journal()::dump);
        assertThat(server.journal().handshakes()).first().satisfies(h -> {
            assertThat(h.accepted()).isFalse();
            assertThat(h.reason()).isEqualTo(RefusalReason.KEY_MISMATCH);
        });
        assertThat(server.journal().exchanges()).isEmpty();
    }
}
