package dev.enoscoap.mock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.mock.TestDevice;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone mock with {@code --state}, killed with SIGKILL after a device activated: after a
 * restart the device connects with the secret it stored, and activation does not hand it another.
 */
class RestartAfterKillTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACTIVATE = "/topic/ext/session/demoProduct/dev03/thing/activate/info";

    @Test
    void aDeviceActivatedBeforeAKillConnectsWithItsStoredSecretAfterIt(@TempDir Path state) throws Exception {
        String secret;
        String assetId;
        try (Standalone first = Standalone.start(List.of(), "--state", state.toString())) {
            int port = first.awaitPort();
            try (TestDevice sm3 = TestDevice.of("coaps://127.0.0.1:" + port, new PskPublicInformation("demoProduct,dev03,3,60"),
                    dev.enoscoap.mock.protocol.PskKeys.derive("demo-product-secret"))) {
                CoapResponse answer = sm3.get(ACTIVATE);
                assertThat(answer.getCode()).isEqualTo(ResponseCode.CONTENT);
                secret = JSON.readTree(answer.getPayload()).get("params").get("deviceSecret").asText();
                assetId = JSON.readTree(answer.getPayload()).get("params").get("assetId").asText();
            }
            first.process.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(first.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(first.process.exitValue()).isEqualTo(137);
        }
        try (Standalone second = Standalone.start(List.of(), "--state", state.toString())) {
            int port = second.awaitPort();
            try (TestDevice sm2 = TestDevice.of("coaps://127.0.0.1:" + port, new PskPublicInformation("demoProduct,dev03,2,60"),
                    dev.enoscoap.mock.protocol.PskKeys.derive(secret))) {
                CoapResponse response = sm2.get("/topic/sys/demoProduct/dev03/thing/nothing");
                assertThat(response).as("SecureMode 2 with the stored secret after the restart:\n" + second.output()).isNotNull();
                assertThat(response.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
            }
            try (TestDevice sm3 = TestDevice.of("coaps://127.0.0.1:" + port, new PskPublicInformation("demoProduct,dev03,3,60"),
                    dev.enoscoap.mock.protocol.PskKeys.derive("demo-product-secret"))) {
                CoapResponse again = sm3.get(ACTIVATE);
                assertThat(again.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
                assertThat(again.getResponseText()).contains("activated before").doesNotContain(secret);
            }
            assertThat(second.output()).contains("STATE_RESTORED", "1 devices and 0 open commands restored")
                    .contains("handshake ACCEPTED").doesNotContain(secret);
            System.out.println("restart after SIGKILL: dev03 (assetId " + assetId + ") connected in SecureMode 2 with its stored secret");
        }
    }
}
