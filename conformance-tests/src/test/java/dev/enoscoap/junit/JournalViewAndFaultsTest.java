package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;
import static dev.enoscoap.junit.EnosAssertions.assertThatThrownBy;

import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.SecureMode;
import java.util.HexFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The test-facing API names devices by the injected credentials everywhere (faults, waits, the
 * journal view), and the test's view offers what the server's journal offers.
 */
class JournalViewAndFaultsTest {

    @Nested
    class OnAServerPerTest {
        @RegisterExtension
        EnosCoapServerExtension enos = EnosCoapServerExtension.builder().build();

        @Test
        void aRefusedHandshakeScriptedForTheCredentialsIsJournaledAsAFaultOfTheDevice(EnosTestServer server,
                @FreshDevice DeviceCredentials device) {
            server.faults().refuseNextHandshake(device);
            try (TestDevice client = Clients.connect(server, device)) {
                client.fire("/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/thing/measurepoint/post");
                HandshakeEntry handshake = server.await().untilHandshake(device);
                assertThat(handshake.accepted()).isFalse();
            }
            assertThat(server.journal().faults(device)).singleElement()
                    .satisfies(f -> assertThat(f.kind()).isEqualTo(FaultEntry.Kind.HANDSHAKE_REFUSED));
            assertThat(server.journal().faults()).isEqualTo(server.journal().faults(device.id()));
            assertThat(server.journal()).hasFault(device, FaultEntry.Kind.HANDSHAKE_REFUSED)
                    .hasRefusedHandshake(device, RefusalReason.FAULT_INJECTED);
            assertThat(server.journal().handshakes(device)).isEqualTo(server.journal().handshakes(device.id()));
        }

        @Test
        void aRequestDroppedForTheCredentialsIsAwaitedThroughTheView(EnosTestServer server,
                @FreshDevice DeviceCredentials device) {
            String topic = "/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/thing/measurepoint/post";
            server.faults().dropNextRequests(device, 1);
            try (TestDevice client = Clients.connect(server, device)) {
                client.firePost(topic, "{\"id\":\"1\"}");
                server.await().until("a dropped request", j -> !j.faults(device).isEmpty());
            }
            assertThat(server.journal()).hasFault(device, FaultEntry.Kind.REQUEST_DROPPED).hasOnline(device);
            assertThat(server.journal().entries(FaultEntry.class, f -> f.kind() == FaultEntry.Kind.REQUEST_DROPPED))
                    .singleElement().satisfies(f -> assertThat(f.device()).isEqualTo(device.id()));
            assertThat(server.journal().stateChanges(device)).isNotEmpty();
        }

        @Test
        void aForgottenSessionOfANamedDeviceAndAnUplinkOverrideAreJournaledToo(EnosTestServer server,
                @FreshDevice DeviceCredentials device) {
            server.faults().forgetSession(new DeviceId(device.productKey(), device.deviceKey()))
                    .overrideUplink(device, "thing.measurepoint.post",
                            dev.enoscoap.mock.fault.ResponseOverride.json("5.00", "{}"));
            try (TestDevice client = Clients.connect(server, device)) {
                assertThat(client.post("/topic/sys/" + device.productKey() + "/" + device.deviceKey()
                        + "/thing/measurepoint/post", "{\"id\":\"1\"}").getCode().text).isEqualTo("5.00");
            }
            assertThat(server.journal().faults(device)).extracting(FaultEntry::kind)
                    .containsExactly(FaultEntry.Kind.SESSION_FORGOTTEN, FaultEntry.Kind.RESPONSE_OVERRIDDEN);
        }
    }

    @Nested
    class OnAServerWithASmallJournal {
        @RegisterExtension
        EnosCoapServerExtension enos = EnosCoapServerExtension.builder()
                .configure(server -> server.journalCapacity(5)).build();

        @Test
        void theViewCountsItsEntriesTheJournalDropped(EnosTestServer server, @FreshDevice DeviceCredentials device) {
            for (int i = 0; i < 8; i++) {
                server.faults().forgetSession(device);
            }
            assertThat(server.journal().entries()).hasSize(5);
            assertThat(server.journal().dropped()).isEqualTo(3);
            assertThat(server.journal().journal().dropped()).isEqualTo(3);
        }
    }

    @Test
    void theKeyOfASecretIsTheEc6SliceOfItsSha256() {
        assertThat(HexFormat.of().formatHex(DeviceCredentials.pskKeyOf("test-secret")))
                .isEqualTo("a20af9121a626bc1093c4f54b31c0fa9");
    }

    @Test
    void credentialsWithTheSecretGotByActivationKeepTheDeviceAndHideTheSecret() {
        DeviceCredentials waiting = new DeviceCredentials("pk", "dk", null, "product-secret");
        assertThatThrownBy(waiting::pskKey).hasMessageContaining("withSecret(theSecretItGot)");

        DeviceCredentials activated = waiting.withSecret("given-secret");
        assertThat(activated.id()).isEqualTo(waiting.id());
        assertThat(activated.productSecret()).isEqualTo("product-secret");
        assertThat(activated.pskKey()).isEqualTo(DeviceCredentials.pskKeyOf("given-secret"));
        assertThat(activated.pskKey(SecureMode.PRODUCT_SECRET)).isEqualTo(waiting.pskKey(SecureMode.PRODUCT_SECRET));
        assertThat(activated.toString()).doesNotContain("given-secret").contains("deviceSecret=set");
    }
}
