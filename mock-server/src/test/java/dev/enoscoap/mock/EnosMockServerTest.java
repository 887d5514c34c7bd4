package dev.enoscoap.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.mock.command.Command;
import dev.enoscoap.mock.command.CommandQueueFullException;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.IdentityRule;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.session.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The mock over real UDP on loopback, driven by a Californium client. */
class EnosMockServerTest {
    private static final String DEV01 = "demoProduct,dev01,2,60";
    private static final String DEV01_SECRET = "demo-device-secret-01";
    private static final String PRODUCT_SECRET = "demo-product-secret";
    private static final DeviceId DEV01_ID = new DeviceId("demoProduct", "dev01");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-05-01T08:00:00Z"));
    private EnosMockServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private EnosMockServer start(EnosMockServer.Builder builder) {
        server = builder.clock(clock).start();
        return server;
    }

    @ParameterizedTest
    @EnumSource(EnosCipherSuite.class)
    void secureMode2HandshakeWithEitherSuiteIsJournaledAndServed(EnosCipherSuite suite) {
        start(EnosMockServer.builder());
        try (TestDevice device = TestDevice.of(server, DEV01, DEV01_SECRET, suite)) {
            CoapResponse response = device.get("/topic/sys/demoProduct/dev01/nothing/here");

            assertThat(response).isNotNull();
            assertThat(response.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        }
        HandshakeEntry handshake = server.journal().handshakes().get(0);
        assertThat(handshake.accepted()).isTrue();
        assertThat(handshake.cipherSuite()).isEqualTo(suite.ianaName());
        assertThat(handshake.identityReceived()).isEqualTo(DEV01);
        assertThat(handshake.identity().secureMode()).isEqualTo(SecureMode.DEVICE_SECRET);
        assertThat(handshake.peer().getAddress().isLoopbackAddress()).isTrue();
        ExchangeEntry exchange = server.journal().exchanges().get(0);
        assertThat(exchange.method()).isEqualTo("GET");
        assertThat(exchange.path()).isEqualTo("/topic/sys/demoProduct/dev01/nothing/here");
        assertThat(exchange.responseCode()).isEqualTo("4.04");
        assertThat(exchange.confirmable()).isTrue();
        assertThat(exchange.device()).isEqualTo(DEV01_ID);
        assertThat(exchange.token()).isNotEmpty();
    }

    @Test
    void commandLimitsBoundTheOpenCommandsOfTheServer() {
        start(EnosMockServer.builder().commandLimits(1, 2));
        DeviceId dev02 = new DeviceId("demoProduct", "dev02");
        server.commands().send(DEV01_ID, Command.setMeasurePoints(Map.of("x", 1)));
        assertThatThrownBy(() -> server.commands().send(DEV01_ID, Command.setMeasurePoints(Map.of("x", 2))))
                .isInstanceOf(CommandQueueFullException.class).hasMessageContaining("limit commands=1");
        server.commands().send(dev02, Command.setMeasurePoints(Map.of("x", 1)));
        assertThatThrownBy(() -> server.commands().send(new DeviceId("demoProduct", "dev03"),
                Command.setMeasurePoints(Map.of("x", 1)))).hasMessageContaining("limit commands-total=2");
        assertThat(server.dropCounts()).containsEntry("commands", 1L).containsEntry("commands-total", 1L);
        assertThatThrownBy(() -> EnosMockServer.builder().commandLimits(0, 5))
                .hasMessageContaining("command limits must be at least 1");
    }

    @Test
    void deviceDataBytesCountWhatIsKeptAndResetFreesIt() {
        start(EnosMockServer.builder());
        assertThat(server.deviceDataBytes()).isZero();
        try (TestDevice device = TestDevice.of(server, DEV01, DEV01_SECRET)) {
            CoapResponse response = device.post("/topic/sys/demoProduct/dev01/thing/measurepoint/post",
                    "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
                            + "\"params\":{\"measurepoints\":{\"temp\":21.5}}}");
            assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        }
        assertThat(server.deviceDataBytes()).isPositive().isLessThanOrEqualTo(server.dataLimits().totalBytes());
        server.reset();
        assertThat(server.deviceDataBytes()).isZero();
    }

    @Test
    void secureMode3ActivationReturnsTheSecretAndSecureMode2ReconnectWorks() throws Exception {
        start(EnosMockServer.builder());
        JsonNode body;
        try (TestDevice device = TestDevice.of(server, "demoProduct,dev03,3,120", PRODUCT_SECRET)) {
            CoapResponse response = device.get("/topic/ext/session/demoProduct/dev03/thing/activate/info");

            assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
            assertThat(response.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_JSON);
            body = JSON.readTree(response.getPayload());
        }
        assertThat(body.get("version").asText()).isEqualTo("1.0");
        assertThat(body.get("method").asText()).isEqualTo("thing.activate.info");
        assertThat(body.get("id").asText()).isNotEmpty();
        JsonNode params = body.get("params");
        assertThat(params.get("productKey").asText()).isEqualTo("demoProduct");
        assertThat(params.get("deviceKey").asText()).isEqualTo("dev03");
        assertThat(params.get("assetId").asText()).isNotEmpty();
        String secret = params.get("deviceSecret").asText();
        assertThat(secret).hasSize(20);
        DeviceId dev03 = new DeviceId("demoProduct", "dev03");
        assertThat(server.registry().device(dev03)).get().satisfies(d -> {
            assertThat(d.activated()).isTrue();
            assertThat(d.deviceSecret()).isEqualTo(secret);
        });
        assertThat(server.journal().stateChanges(dev03)).extracting(StateChange::kind)
                .contains(StateChange.Kind.ACTIVATED);

        try (TestDevice device = TestDevice.of(server, "demoProduct,dev03,2,120", secret)) {
            CoapResponse response = device.get("/topic/sys/demoProduct/dev03/x");
            assertThat(response).isNotNull();
        }
        assertThat(server.journal().handshakes(dev03)).extracting(h -> h.identity().secureMode(), HandshakeEntry::accepted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SecureMode.PRODUCT_SECRET, true),
                        org.assertj.core.groups.Tuple.tuple(SecureMode.DEVICE_SECRET, true));
    }

    @Test
    void activationOfADeviceWithARegisteredSecretIsRefusedNamingTheRuleAndTheOption() throws Exception {
        start(EnosMockServer.builder());
        // The device has been in use in SecureMode 2 first: that must not change the answer.
        try (TestDevice inUse = TestDevice.of(server, "demoProduct,dev01,2,60", DEV01_SECRET)) {
            assertThat(inUse.get("/topic/sys/demoProduct/dev01/thing/nothing")).isNotNull();
        }
        try (TestDevice device = TestDevice.of(server, "demoProduct,dev01,3,60", PRODUCT_SECRET)) {
            CoapResponse response = device.get("/topic/ext/session/demoProduct/dev01/thing/activate/info");
            assertThat(response.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
            assertThat(response.getResponseText()).contains("already has a device secret from the registry",
                    "--serve-registered-secrets", "EC-10").doesNotContain(DEV01_SECRET);
        }
        assertThat(server.registry().device(new DeviceId("demoProduct", "dev01"))).get()
                .satisfies(d -> assertThat(d.activated()).isFalse());
    }

    @Test
    void activationHandsOutARegisteredSecretOnlyWhenAskedTo() throws Exception {
        start(EnosMockServer.builder().serveRegisteredSecrets(true));
        for (int i = 0; i < 2; i++) {
            try (TestDevice device = TestDevice.of(server, "demoProduct,dev01,3,60", PRODUCT_SECRET)) {
                CoapResponse response = device.get("/topic/ext/session/demoProduct/dev01/thing/activate/info");
                assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
                JsonNode params = JSON.readTree(response.getPayload()).get("params");
                assertThat(params.get("deviceSecret").asText()).isEqualTo(DEV01_SECRET);
                assertThat(params.get("assetId").asText()).isEqualTo("asset-dev01");
            }
        }
    }

    @Test
    void aScriptedAnswerReplacesARefusedActivation() throws Exception {
        start(EnosMockServer.builder());
        String path = "/topic/ext/session/demoProduct/dev01/thing/activate/info";
        server.faults().overrideResponse(path, dev.enoscoap.mock.fault.ResponseOverride.json("2.05",
                "{\"params\":{\"deviceSecret\":\"" + DEV01_SECRET + "\"}}"));
        try (TestDevice device = TestDevice.of(server, "demoProduct,dev01,3,60", PRODUCT_SECRET)) {
            CoapResponse response = device.get(path);
            assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
            assertThat(JSON.readTree(response.getPayload()).get("params").get("deviceSecret").asText()).isEqualTo(DEV01_SECRET);
        }
        assertThat(server.journal().exchanges()).singleElement().satisfies(e -> {
            assertThat(e.responseCode()).isEqualTo("2.05");
            assertThat(e.note()).contains("scripted response", "real answer", "already has a device secret");
        });
    }

    @Test
    void secondActivationIsForbiddenByDefaultNamingTheOption() {
        start(EnosMockServer.builder());
        try (TestDevice device = TestDevice.of(server, "demoProduct,dev04,3,60", PRODUCT_SECRET)) {
            String path = "/topic/ext/session/demoProduct/dev04/thing/activate/info";
            assertThat(device.get(path).getCode()).isEqualTo(ResponseCode.CONTENT);
            CoapResponse again = device.get(path);
            assertThat(again.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
            assertThat(again.getResponseText()).contains("activated before", "--allow-reactivation");
        }
    }

    @Test
    void secondActivationReturnsTheSameSecretWhenReactivationIsAllowed() throws Exception {
        start(EnosMockServer.builder().allowReactivation(true));
        try (TestDevice device = TestDevice.of(server, "demoProduct,dev04,3,60", PRODUCT_SECRET)) {
            String path = "/topic/ext/session/demoProduct/dev04/thing/activate/info";
            String first = JSON.readTree(device.get(path).getPayload()).get("params").get("deviceSecret").asText();
            CoapResponse again = device.get(path);
            assertThat(again.getCode()).isEqualTo(ResponseCode.CONTENT);
            assertThat(JSON.readTree(again.getPayload()).get("params").get("deviceSecret").asText()).isEqualTo(first);
        }
    }

    @Test
    void secureMode3SessionServesOnlyItsOwnActivation() {
        start(EnosMockServer.builder());
        try (TestDevice device = TestDevice.of(server, "demoProduct,dev03,3,60", PRODUCT_SECRET)) {
            CoapResponse other = device.get("/topic/ext/session/demoProduct/dev04/thing/activate/info");
            CoapResponse post = device.post("/topic/ext/session/demoProduct/dev03/thing/activate/info", "{}");
            CoapResponse uplink = device.post("/topic/sys/demoProduct/dev03/thing/measurepoint/post", "{}");

            assertThat(other.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
            assertThat(other.getResponseText()).contains("a device activates only itself");
            assertThat(post.getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
            assertThat(uplink.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
            assertThat(uplink.getResponseText()).contains("serves only the activation request");
        }
        assertThat(server.registry().device(new DeviceId("demoProduct", "dev04"))).get()
                .satisfies(d -> assertThat(d.activated()).isFalse());
        assertThat(server.journal().exchanges()).extracting(ExchangeEntry::responseCode)
                .containsExactly("4.03", "4.05", "4.03");
        assertThat(server.journal().exchanges()).allSatisfy(e -> assertThat(e.note()).contains("EC-"));
    }

    @Test
    void activationOnASecureMode2SessionIsForbidden() {
        start(EnosMockServer.builder());
        try (TestDevice device = TestDevice.of(server, DEV01, DEV01_SECRET)) {
            CoapResponse response = device.get("/topic/ext/session/demoProduct/dev01/thing/activate/info");
            assertThat(response.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
        }
    }

    @Test
    void anotherDevicesTopicIsForbidden() {
        start(EnosMockServer.builder());
        try (TestDevice device = TestDevice.of(server, DEV01, DEV01_SECRET)) {
            CoapResponse response = device.post("/topic/sys/demoProduct/dev02/thing/measurepoint/post", "{}");
            assertThat(response.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
        }
    }

    @Test
    void wrongKeyIsJournaledAsKeyMismatch() {
        start(EnosMockServer.builder());
        try (TestDevice device = TestDevice.of(server, DEV01, "not-the-secret")) {
            device.fire("/x");
            awaitHandshakes(1);
        }
        HandshakeEntry h = server.journal().handshakes().get(0);
        assertThat(h.accepted()).isFalse();
        assertThat(h.reason()).isEqualTo(RefusalReason.KEY_MISMATCH);
        assertThat(h.identity().device()).isEqualTo(DEV01_ID);
        assertThat(h.detail()).contains("EC-6").contains("[8,24)");
        assertThat(server.presence().isOnline(DEV01_ID)).isFalse();
    }

    @Test
    void keyFromTheWrongByteRangeIsAKeyMismatch() {
        start(EnosMockServer.builder());
        byte[] digest = sha256(DEV01_SECRET);
        byte[] offByOne = java.util.Arrays.copyOfRange(digest, 9, 25);
        try (TestDevice device = TestDevice.of(server, new org.eclipse.californium.scandium.dtls.PskPublicInformation(DEV01),
                offByOne)) {
            device.fire("/x");
            awaitHandshakes(1);
        }
        assertThat(server.journal().handshakes().get(0).reason()).isEqualTo(RefusalReason.KEY_MISMATCH);
    }

    @Test
    void refusalsNameTheirReason() {
        start(EnosMockServer.builder());
        List<String[]> cases = List.of(
                new String[] {"demoProduct,dev01,2,29", DEV01_SECRET},
                new String[] {"demoProduct,dev01,5,60", DEV01_SECRET},
                new String[] {"nope,dev01,2,60", DEV01_SECRET},
                new String[] {"demoProduct,nope,2,60", DEV01_SECRET},
                new String[] {"demoProduct,nope,3,60", PRODUCT_SECRET},
                new String[] {"demoProduct,dev03,2,60", "anything"},
                new String[] {"closedProduct,closed02,3,60", "demo-closed-product-secret"});
        for (String[] c : cases) {
            try (TestDevice device = TestDevice.of(server, c[0], c[1])) {
                int before = server.journal().handshakes().size();
                device.fire("/x");
                awaitHandshakes(before + 1);
            }
        }
        assertThat(server.journal().handshakes())
                .extracting(HandshakeEntry::identityReceived, HandshakeEntry::reason, HandshakeEntry::identityRule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("demoProduct,dev01,2,29", RefusalReason.BAD_IDENTITY, IdentityRule.LIFETIME_OUT_OF_RANGE),
                        org.assertj.core.groups.Tuple.tuple("demoProduct,dev01,5,60", RefusalReason.BAD_IDENTITY, IdentityRule.SECURE_MODE_UNSUPPORTED),
                        org.assertj.core.groups.Tuple.tuple("nope,dev01,2,60", RefusalReason.UNKNOWN_PRODUCT, null),
                        org.assertj.core.groups.Tuple.tuple("demoProduct,nope,2,60", RefusalReason.UNKNOWN_DEVICE, null),
                        org.assertj.core.groups.Tuple.tuple("demoProduct,nope,3,60", RefusalReason.UNKNOWN_DEVICE, null),
                        org.assertj.core.groups.Tuple.tuple("demoProduct,dev03,2,60", RefusalReason.DEVICE_HAS_NO_SECRET, null),
                        org.assertj.core.groups.Tuple.tuple("closedProduct,closed02,3,60", RefusalReason.DYNAMIC_ACTIVATION_DISABLED, null));
        assertThat(server.journal().handshakes()).allSatisfy(h -> {
            assertThat(h.accepted()).isFalse();
            assertThat(h.detail()).containsPattern("EC-\\d+");
            assertThat(h.peer()).isNotNull();
        });
    }

    @Test
    void autoRegisterAddsUnknownDeviceKeysInSecureMode3() throws Exception {
        start(EnosMockServer.builder().autoRegister(true));
        try (TestDevice device = TestDevice.of(server, "demoProduct,brand-new,3,60", PRODUCT_SECRET)) {
            CoapResponse response = device.get("/topic/ext/session/demoProduct/brand-new/thing/activate/info");
            assertThat(response.getCode()).isEqualTo(ResponseCode.CONTENT);
        }
        DeviceId id = new DeviceId("demoProduct", "brand-new");
        assertThat(server.registry().device(id)).get().satisfies(d -> assertThat(d.activated()).isTrue());
        assertThat(server.journal().stateChanges(id)).extracting(StateChange::kind)
                .startsWith(StateChange.Kind.REGISTERED);
    }

    @Test
    void clientOfferingNoEnabledSuiteIsRefusedWithThatReason() {
        start(EnosMockServer.builder().cipherSuites(EnosCipherSuite.CCM_8));
        try (TestDevice device = TestDevice.of(server, DEV01, DEV01_SECRET, EnosCipherSuite.CBC_SHA256)) {
            device.fire("/x");
            awaitHandshakes(1);
        }
        HandshakeEntry h = server.journal().handshakes().get(0);
        assertThat(h.reason()).isEqualTo(RefusalReason.NO_COMMON_CIPHER_SUITE);
        assertThat(h.identityReceived()).isNull();
        assertThat(h.detail()).contains("EC-2");
    }

    @Test
    void serverOfferingOneSuiteNegotiatesIt() {
        start(EnosMockServer.builder().cipherSuites(EnosCipherSuite.CBC_SHA256));
        try (TestDevice device = TestDevice.of(server, DEV01, DEV01_SECRET)) {
            assertThat(device.get("/x")).isNotNull();
        }
        assertThat(server.journal().handshakes().get(0).cipherSuite()).isEqualTo("TLS_PSK_WITH_AES_128_CBC_SHA256");
        assertThat(server.cipherSuites()).containsExactly(EnosCipherSuite.CBC_SHA256);
    }

    @Test
    void lifetimeExpiresOnTheVirtualClockAndRequestsRefreshIt() {
        start(EnosMockServer.builder());
        try (TestDevice device = TestDevice.of(server, "demoProduct,dev01,2,30", DEV01_SECRET)) {
            assertThat(device.get("/a")).isNotNull();
            assertThat(server.presence().isOnline(DEV01_ID)).isTrue();
            clock.advance(Duration.ofSeconds(29));
            assertThat(device.get("/b")).isNotNull();
            clock.advance(Duration.ofSeconds(29));
            assertThat(server.journal().stateChanges(DEV01_ID)).extracting(StateChange::kind)
                    .containsExactly(StateChange.Kind.ONLINE);
            clock.advance(Duration.ofSeconds(1));
            // The offline transition is recorded by the advance itself, without a query or a sleep.
            assertThat(server.journal().stateChanges(DEV01_ID)).extracting(StateChange::kind)
                    .containsExactly(StateChange.Kind.ONLINE, StateChange.Kind.OFFLINE);
            assertThat(device.get("/c")).isNotNull();
        }
        assertThat(server.journal().stateChanges(DEV01_ID)).extracting(StateChange::kind)
                .containsExactly(StateChange.Kind.ONLINE, StateChange.Kind.OFFLINE, StateChange.Kind.ONLINE);
    }

    @Test
    void requestWithNewMessageIdAndTokenIsJournaledWithBoth() {
        start(EnosMockServer.builder());
        try (TestDevice device = TestDevice.of(server, DEV01, DEV01_SECRET)) {
            Request request = Request.newPost();
            request.setPayload("{\"id\":\"1\"}");
            request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
            device.send(request, "/topic/sys/demoProduct/dev01/thing/unknown", null);
            device.get("/topic/sys/demoProduct/dev01/thing/unknown");
        }
        List<ExchangeEntry> exchanges = server.journal().exchanges();
        assertThat(exchanges).hasSize(2);
        assertThat(exchanges.get(0).contentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_JSON);
        assertThat(exchanges.get(0).payloadSize()).isEqualTo(10);
        assertThat(exchanges.get(0).messageId()).isNotEqualTo(exchanges.get(1).messageId());
        assertThat(exchanges.get(0).token()).isNotEqualTo(exchanges.get(1).token());
    }

    @Test
    void journalCapacityIsHonoured() {
        start(EnosMockServer.builder().journalCapacity(3));
        try (TestDevice device = TestDevice.of(server, DEV01, DEV01_SECRET)) {
            for (int i = 0; i < 5; i++) {
                device.get("/x" + i);
            }
        }
        assertThat(server.journal().entries()).hasSize(3);
        assertThat(server.journal().dropped()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void reportsWhereItListens() {
        start(EnosMockServer.builder());
        assertThat(server.port()).isPositive();
        assertThat(server.coapsUri().toString()).isEqualTo("coaps://127.0.0.1:" + server.port());
        assertThat(server.clock()).isSameAs(clock);
    }

    private void awaitHandshakes(int count) {
        Await.until(WAIT, () -> server.journal().handshakes().size() >= count, () -> server.journal().dump());
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
