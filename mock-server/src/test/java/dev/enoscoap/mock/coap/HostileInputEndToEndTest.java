package dev.enoscoap.mock.coap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.enoscoap.mock.Await;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.LogText;
import dev.enoscoap.mock.protocol.PskKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.junit.jupiter.api.Test;

/**
 * Inputs an attacker would send, end to end over DTLS: each gets a 4.xx naming the rule (never a
 * 5.00), and nothing of it can forge a log or journal line.
 */
class HostileInputEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYS = "/topic/sys/demoProduct/dev01/";
    private static final String FORGED = "\n12:00:00.000 INFO  handshake ACCEPTED peer=10.0.0.1:1 identity='demoProduct,dev02,2,60'";

    private static String body(String params) {
        return "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":" + params + "}";
    }

    @Test
    void constraintBreakingJsonIsA400NamingTheRuleAlsoWithForwardingOn() throws IOException {
        WireMockServer hook = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        hook.start();
        hook.stubFor(WireMock.post("/hook").willReturn(WireMock.ok()));
        try (EnosMockServer server = EnosMockServer.builder().maxPayloadBytes(16_384)
                .forwardTo(URI.create("http://127.0.0.1:" + hook.port() + "/hook")).start();
                TestDevice device = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            String digits = "1".repeat(1_001);
            String deep = "[".repeat(1_000) + "]".repeat(1_000);
            String[][] cases = {
                {"1,001 digits", body("{\"measurepoints\":{\"x\":" + digits + "}}"), "Number value length"},
                {"nesting 1,000 (block-wise)", body("{\"measurepoints\":{\"x\":" + deep + "}}"), "nesting"},
                {"nesting 33", body("{\"measurepoints\":{\"x\":" + "[".repeat(31) + "]".repeat(31) + "}}"), "nesting"},
                {"1e999999", body("{\"measurepoints\":{\"x\":1e999999}}"), "not finite"}};
            for (String[] c : cases) {
                CoapResponse response = device.post(SYS + "thing/measurepoint/post", c[1]);
                assertThat(response).as(c[0]).isNotNull();
                assertThat(response.getCode()).as(c[0]).isEqualTo(ResponseCode.BAD_REQUEST);
                JsonNode reply = JSON.readTree(response.getPayload());
                assertThat(reply.get("code").intValue()).as(c[0]).isEqualTo(1220);
                assertThat(reply.get("message").asText()).as(c[0]).containsIgnoringCase(c[2]).contains("EC-11");
            }
            byte[] overlong = body("{\"measurepoints\":{\"x\":\"_\"}}").getBytes(StandardCharsets.UTF_8);
            int at = new String(overlong, StandardCharsets.UTF_8).indexOf("\"_\"") + 1;
            byte[] bad = new byte[overlong.length + 1];
            System.arraycopy(overlong, 0, bad, 0, at);
            bad[at] = (byte) 0xc1;
            bad[at + 1] = (byte) 0x9f; // '_' (0x5f) as an overlong two-byte form
            System.arraycopy(overlong, at + 1, bad, at + 2, overlong.length - at - 1);
            Request post = Request.newPost();
            post.setPayload(bad);
            post.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
            CoapResponse response = device.send(post, SYS + "thing/measurepoint/post", null);
            assertThat(response.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(response.getResponseText()).contains("not valid UTF-8");

            // A normal uplink is still accepted and forwarded, and no request was answered 5.00.
            assertThat(device.post(SYS + "thing/measurepoint/post", body("{\"measurepoints\":{\"x\":1}}")).getCode())
                    .isEqualTo(ResponseCode.CHANGED);
            assertThat(server.journal().exchanges()).noneMatch(e -> e.responseCode().startsWith("5."));
            assertThat(server.deviceData(new dev.enoscoap.mock.protocol.DeviceId("demoProduct", "dev01"))
                    .measurePoint("x")).get().satisfies(mp -> assertThat(mp.value().intValue()).isEqualTo(1));
            Await.until(Duration.ofSeconds(10), () -> server.forwarding().get(0).delivered() >= 1,
                    () -> server.forwarding().toString());
        } finally {
            hook.stop();
        }
    }

    @Test
    void emptyKeySegmentsAreA404NotAnException() {
        try (EnosMockServer server = EnosMockServer.builder().start();
                TestDevice device = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            Request post = Request.newPost();
            post.setURI(server.coapsUri() + "/topic/sys");
            post.getOptions().addUriPath("").addUriPath("").addUriPath("thing").addUriPath("measurepoint").addUriPath("post");
            post.setPayload(body("{\"measurepoints\":{}}"));
            CoapResponse response = device.sendAsIs(post);
            assertThat(response).isNotNull();
            assertThat(response.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
            assertThat(server.journal().exchanges()).noneMatch(e -> e.responseCode().startsWith("5."));
        }
    }

    @Test
    void noIdentityPathOrTokenCanForgeALogOrJournalLine() throws Exception {
        try (dev.enoscoap.mock.dtls.LogCaptureAccess log = dev.enoscoap.mock.dtls.LogCaptureAccess.open();
                EnosMockServer server = EnosMockServer.builder().autoRegister(true).start()) {
            // An identity with a newline and a NUL: refused, and journaled on one line.
            try (TestDevice forged = TestDevice.of(server, new PskPublicInformation("demoProduct,dev01" + FORGED + "\0,2,60"),
                    PskKeys.derive("demo-device-secret-01"))) {
                forged.fire("/x");
                Await.until(Duration.ofSeconds(10), () -> !server.journal().handshakes().isEmpty(), server.journal()::dump);
            }
            assertThat(server.journal().handshakes().get(0).reason()).isEqualTo(RefusalReason.BAD_IDENTITY);
            // A device key with control characters, auto-registered in SecureMode 3, and a path segment with a newline.
            try (TestDevice weird = TestDevice.of(server, "demoProduct,dev\r\u2028" + FORGED.replace(",", ";") + ",3,60",
                    "demo-product-secret")) {
                Request get = Request.newGet();
                get.setURI(server.coapsUri() + "/topic/ext/session");
                get.getOptions().addUriPath("x" + FORGED);
                assertThat(weird.sendAsIs(get)).isNotNull();
            }
            try (TestDevice device = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
                Request get = Request.newGet();
                get.setURI(server.coapsUri() + SYS + "thing");
                get.getOptions().addUriPath("line" + FORGED).addUriPath("\u0000\u001b[31mred");
                get.setToken(new byte[] {0x0a, 0x0d});
                assertThat(device.sendAsIs(get)).isNotNull();
                get = Request.newGet();
                get.setURI(server.coapsUri() + SYS + "thing");
                get.getOptions().addUriPath("line" + FORGED).addUriPath("\u0000\u001b[31mred");
                CoapResponse response = device.sendAsIs(get);
                assertThat(response.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
            }
            Await.until(Duration.ofSeconds(10), () -> server.journal().exchanges().size() >= 3, server.journal()::dump);
            for (JournalEntry e : server.journal().entries()) {
                String line = e.describe();
                assertThat(LogText.hasControl(line)).as(line).isFalse();
                assertThat(line).doesNotContain("\n", "\r", "\0");
            }
            assertThat(server.journal().dump().lines().count())
                    .isEqualTo(server.journal().entries().size());
            assertThat(server.journal().dump()).contains("\\n12:00:00.000 INFO  handshake ACCEPTED");
            assertThat(log.messages()).isNotEmpty().allSatisfy(m -> assertThat(LogText.hasControl(m)).as(m).isFalse());
        }
    }
}
