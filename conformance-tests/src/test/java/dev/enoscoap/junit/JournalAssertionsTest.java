package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;
import static dev.enoscoap.junit.EnosAssertions.assertThatThrownBy;

import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.PskKeys;
import dev.enoscoap.mock.protocol.SecureMode;
import org.junit.jupiter.api.Test;

/** The journal assertions pass on what happened and, when they fail, show what did, near misses first. */
@EnosCoapServer
class JournalAssertionsTest {

    @Test
    void aWrongKeyIsAKeyMismatchAndAnAcceptedHandshakeIsNotClaimed(EnosTestServer server,
            @FreshDevice DeviceCredentials device) {
        try (TestDevice client = TestDevice.of(server.coapsUri(), device.identity(SecureMode.DEVICE_SECRET, 60),
                PskKeys.derive("not-" + device.deviceSecret()))) {
            client.fire("/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/thing/measurepoint/post");
            server.await().untilHandshake(device);
        }
        assertThat(server.journal()).hasRefusedHandshake(device, RefusalReason.KEY_MISMATCH);

        assertThatThrownBy(() -> assertThat(server.journal()).hasAcceptedHandshake(device))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected the journal to have an accepted handshake of " + device.id())
                .hasMessageContaining("near miss: #")
                .hasMessageContaining("KEY_MISMATCH");
        assertThatThrownBy(() -> assertThat(server.journal()).hasNoRefusedHandshake(device))
                .hasMessageContaining("expected no refused handshake of " + device.id())
                .hasMessageContaining("KEY_MISMATCH");
    }

    @Test
    void failuresListNearMissesOfTheSameDeviceAndPathBeforeOtherEntries(EnosTestServer server,
            @FreshDevice DeviceCredentials device, @FreshDevice("bystander") DeviceCredentials bystander) {
        String uplink = "/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/thing/measurepoint/post";
        String unknown = "/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/no/such/topic";
        String uplinkCode;
        try (TestDevice other = Clients.connect(server, bystander);
                TestDevice client = Clients.connect(server, device)) {
            assertThat(other.get("/topic/sys/" + bystander.productKey() + "/" + bystander.deviceKey() + "/a"))
                    .isNotNull();
            uplinkCode = client.post(uplink, "{\"id\":\"1\"}").getCode().text;
            assertThat(client.get(unknown)).isNotNull();
            assertThat(other.get("/topic/sys/" + bystander.productKey() + "/" + bystander.deviceKey() + "/b"))
                    .isNotNull();
        }
        server.await().untilRequests(device, 2);
        server.await().untilRequests(bystander, 2);
        assertThat(server.journal())
                .hasAcceptedHandshake(device, EnosCipherSuite.CCM_8)
                .hasRequest(device, "POST", uplink)
                .hasRequest(device, "POST", uplink, uplinkCode)
                .hasRequest(device, "GET", unknown, "4.04")
                .hasUplink(device, "thing.measurepoint.post")
                .hasRequestCount(device, 2)
                .hasRequestCount(bystander, 2)
                .hasOnline(device)
                .hasOnline(bystander);

        String message = catchMessage(() -> assertThat(server.journal()).hasRequest(device, "GET", uplink));
        assertThat(message).contains("expected the journal to have a request GET " + uplink + " of " + device.id());
        String[] lines = message.split("\n");
        assertThat(lines[1]).startsWith("  near miss: ").contains("request POST " + uplink);
        int firstOther = indexOf(lines, "  other:");
        int lastNear = lastIndexOf(lines, "  near miss:");
        assertThat(lastNear).isLessThan(firstOther);
        for (int i = 1; i <= lastNear; i++) {
            assertThat(lines[i]).as("near misses concern %s", device.id()).contains(device.deviceKey());
        }
        assertThat(message.substring(message.indexOf("  other:"))).contains(bystander.deviceKey());

        assertThat(catchMessage(() -> assertThat(server.journal()).hasAcceptedHandshake(device,
                EnosCipherSuite.CBC_SHA256))).contains("with TLS_PSK_WITH_AES_128_CBC_SHA256")
                .contains("near miss: #").contains("suite=TLS_PSK_WITH_AES_128_CCM_8");
        assertThat(catchMessage(() -> assertThat(server.journal()).hasRequestCount(device, 3)))
                .contains("expected 3 request(s) of " + device.id() + ", but the journal has 2");
        assertThat(catchMessage(() -> assertThat(server.journal()).hasOffline(device)))
                .contains("state change OFFLINE of " + device.id()).contains("ONLINE");
        assertThat(catchMessage(() -> assertThat(server.journal()).hasUplink(device, "thing.event.alarm.post")))
                .contains("POST /topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/thing/event/alarm/post");
    }

    @Test
    void aMalformedIdentityIsFoundByItsText(EnosTestServer server) {
        try (TestDevice client = TestDevice.of(server.coapsUri(), "demoProduct,dev01,7,60",
                PskKeys.derive("demo-device-secret-01"))) {
            client.fire("/x");
            server.await().until("a handshake", j -> !j.handshakes().isEmpty());
        }
        assertThat(server.journal()).hasRefusedHandshake("demoProduct,dev01,7,60", RefusalReason.BAD_IDENTITY);
        assertThat(catchMessage(() -> assertThat(server.journal()).hasRefusedHandshake("demoProduct,dev01,2,60",
                RefusalReason.BAD_IDENTITY))).contains("near miss: #").contains("'demoProduct,dev01,7,60'");
    }

    @Test
    void anEmptyJournalSaysSo(EnosTestServer server, @Device("demoProduct/dev01") DeviceCredentials dev01) {
        assertThat(catchMessage(() -> assertThat(server.journal()).hasOnline(dev01)))
                .contains("It has 0 entries").contains("(nothing)");
    }

    private static String catchMessage(Runnable assertion) {
        try {
            assertion.run();
        } catch (AssertionError e) {
            return e.getMessage();
        }
        throw new AssertionError("the assertion passed but should have failed");
    }

    private static int indexOf(String[] lines, String prefix) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static int lastIndexOf(String[] lines, String prefix) {
        int found = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix)) {
                found = i;
            }
        }
        return found;
    }
}
