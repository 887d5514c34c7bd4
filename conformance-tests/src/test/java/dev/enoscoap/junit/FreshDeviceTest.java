package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;

import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.SecureMode;
import org.eclipse.californium.core.CoapResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Fresh devices: unique, registered, and shared by label within one test. */
@EnosCoapServer
class FreshDeviceTest {
    private final DeviceCredentials fromConstructor;
    private DeviceCredentials fromBeforeEach;

    FreshDeviceTest(@FreshDevice DeviceCredentials device) {
        this.fromConstructor = device;
    }

    @BeforeEach
    void beforeEach(@FreshDevice DeviceCredentials device) {
        fromBeforeEach = device;
    }

    @Test
    void theSameLabelGivesTheSameDeviceInConstructorBeforeEachAndTest(@FreshDevice DeviceCredentials device,
            @FreshDevice("second") DeviceCredentials other) {
        assertThat(device).isEqualTo(fromConstructor).isEqualTo(fromBeforeEach);
        assertThat(other.id()).isNotEqualTo(device.id());
        assertThat(other.deviceSecret()).isNotEqualTo(device.deviceSecret());
    }

    @RepeatedTest(5)
    void aFreshDeviceIsRegisteredWithASecretWhoseKeyHasNoZeroByte(EnosTestServer server,
            @FreshDevice DeviceCredentials device) {
        assertThat(device.productKey()).isEqualTo("demoProduct");
        assertThat(device.deviceKey()).startsWith("fresh-");
        assertThat(server.registry().device(device.id())).get()
                .satisfies(d -> assertThat(d.deviceSecret()).isEqualTo(device.deviceSecret()));
        assertThat(device.pskKey()).hasSize(16).doesNotContain((byte) 0);
        assertThat(dev.enoscoap.mock.protocol.PskKeys.hasZeroByte(device.pskKey())).isFalse();
    }

    @Test
    void theServerHandsOutFreshDevicesToo(EnosTestServer server, @FreshDevice DeviceCredentials injected) {
        DeviceCredentials one = server.freshDevice();
        DeviceCredentials two = server.freshDevice();
        assertThat(one.id()).isNotEqualTo(two.id()).isNotEqualTo(injected.id());
        assertThat(one.deviceKey()).startsWith("fresh-");
        assertThat(server.registry().device(one.id())).get()
                .satisfies(d -> assertThat(d.deviceSecret()).isEqualTo(one.deviceSecret()));
        assertThat(one.pskKey()).hasSize(16).doesNotContain((byte) 0);
    }

    @Test
    void secretsWithAZeroByteInTheirKeyAreNeverHandedOut() {
        for (int i = 0; i < 2_000; i++) {
            assertThat(dev.enoscoap.mock.protocol.PskKeys.hasZeroByte(dev.enoscoap.mock.protocol.PskKeys.derive(FreshDevices.secret())))
                    .isFalse();
        }
        assertThat(dev.enoscoap.mock.protocol.PskKeys.hasZeroByte(new byte[] {1, 0, 2})).isTrue();
    }

    @Test
    void aFreshDeviceConnectsAndIsJournaled(EnosTestServer server, @FreshDevice DeviceCredentials device) {
        try (TestDevice client = Clients.connect(server, device, EnosCipherSuite.CBC_SHA256)) {
            CoapResponse response = client.post("/topic/sys/" + device.productKey() + "/" + device.deviceKey()
                    + "/thing/measurepoint/post", "{\"id\":\"1\",\"version\":\"1.0\",\"params\":{}}");
            assertThat(response).isNotNull();
        }
        server.await().untilRequests(device, 1);
        assertThat(server.journal())
                .hasAcceptedHandshake(device)
                .hasAcceptedHandshake(device, EnosCipherSuite.CBC_SHA256)
                .hasAcceptedHandshake(device, SecureMode.DEVICE_SECRET, 300)
                .hasNoRefusedHandshake(device)
                .hasUplink(device, "thing.measurepoint.post")
                .hasRequestCount(device, 1)
                .hasOnline(device);
    }

    @Test
    void aFreshDeviceWithoutSecretMustActivateFirst(EnosTestServer server,
            @FreshDevice(withSecret = false) DeviceCredentials device) {
        assertThat(device.deviceSecret()).isNull();
        assertThat(server.registry().device(device.id())).get().satisfies(d -> assertThat(d.hasSecret()).isFalse());
        try (TestDevice client = TestDevice.of(server.coapsUri(), device.identity(SecureMode.PRODUCT_SECRET, 60),
                device.pskKey(SecureMode.PRODUCT_SECRET))) {
            CoapResponse response = client.get("/topic/ext/session/" + device.productKey() + "/" + device.deviceKey()
                    + "/thing/activate/info");
            assertThat(response).as(() -> "the activation answer; none came: " + client.lastFailure() + "\njournal:\n"
                    + server.journal().dump()).isNotNull();
            assertThat(response.getResponseText()).contains("deviceSecret");
        }
        assertThat(server.journal()).hasActivated(device).hasAcceptedHandshake(device, SecureMode.PRODUCT_SECRET, 60);
    }

    @Test
    void aFreshDeviceInAnotherProductFollowsThatProductsRules(EnosTestServer server,
            @FreshDevice(product = "closedProduct", withSecret = false) DeviceCredentials device) {
        assertThat(device.productKey()).isEqualTo("closedProduct");
        try (TestDevice client = TestDevice.of(server.coapsUri(), device.identity(SecureMode.PRODUCT_SECRET, 60),
                device.pskKey(SecureMode.PRODUCT_SECRET))) {
            client.fire("/topic/ext/session/closedProduct/" + device.deviceKey() + "/thing/activate/info");
            server.await().untilHandshake(device);
        }
        assertThat(server.journal()).hasRefusedHandshake(device, RefusalReason.DYNAMIC_ACTIVATION_DISABLED);
    }
}
