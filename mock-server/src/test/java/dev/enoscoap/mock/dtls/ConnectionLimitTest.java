package dev.enoscoap.mock.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.mock.Await;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.HandshakeOutcome;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.session.ConnectionStats;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.eclipse.californium.core.CoapResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The DTLS connection limit: devices that reconnect do not use it up; handshakes beyond it are counted and journaled. */
class ConnectionLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private EnosMockServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDeviceThatHandshakesAgainFromTheSameAddressReplacesItsOlderConnection() {
        server = EnosMockServer.builder().maxConnections(3).start();
        try (TestDevice device = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01")) {
            InetSocketAddress address = device.localAddress();
            for (int i = 0; i < 12; i++) {
                device.forgetSession();
                CoapResponse response = device.get("/topic/sys/demoProduct/dev01/x");
                assertThat(response).as("handshake %d from %s with a limit of 3 connections", i + 1, address).isNotNull();
            }
            assertThat(device.localAddress()).isEqualTo(address);
        }
        Await.until(WAIT, () -> server.connections().open() == 1, () -> server.connections().toString());
        ConnectionStats stats = server.connections();
        assertThat(stats.replaced()).isGreaterThanOrEqualTo(11);
        assertThat(stats.refusedAtLimit()).isZero();
        assertThat(stats.max()).isEqualTo(3);
        assertThat(server.journal().handshakes()).hasSize(12).allMatch(HandshakeEntry::accepted);
    }

    @Test
    void handshakesBeyondTheLimitAreRefusedCountedAndJournaledAsOneEntryWithTheCount() {
        server = EnosMockServer.builder().maxConnections(2).start();
        TestDevice first = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01");
        TestDevice second = TestDevice.of(server, "demoProduct,dev02,2,60", "demo-device-secret-02");
        TestDevice third = TestDevice.of(server, "demoProduct,dev01,2,60", "demo-device-secret-01");
        try {
            assertThat(first.get("/topic/sys/demoProduct/dev01/x")).isNotNull();
            assertThat(second.get("/topic/sys/demoProduct/dev02/x")).isNotNull();

            assertThat(third.get("/topic/sys/demoProduct/dev01/x")).as("a third connection beyond a limit of 2").isNull();

            Await.until(WAIT, () -> !limitEntries().isEmpty(), () -> server.journal().dump());
            ConnectionStats stats = server.connections();
            assertThat(stats.atLimit()).isTrue();
            assertThat(stats.open()).isEqualTo(2);
            // The client sent its ClientHello several times; one entry stands for all of them.
            assertThat(stats.refusedAtLimit()).isGreaterThanOrEqualTo(2);
            List<HandshakeEntry> entries = limitEntries();
            assertThat(entries).hasSize(1);
            HandshakeEntry entry = entries.get(0);
            assertThat(entry.outcome()).isEqualTo(HandshakeOutcome.REFUSED);
            assertThat(entry.peer()).isEqualTo(third.localAddress());
            assertThat(entry.detail()).contains("maximum of 2 DTLS connections").contains("refused")
                    .contains("--max-connections");
            // The devices already connected are still served.
            assertThat(first.get("/topic/sys/demoProduct/dev01/x")).isNotNull();
        } finally {
            first.close();
            second.close();
            third.close();
        }
    }

    private List<HandshakeEntry> limitEntries() {
        return server.journal().handshakes().stream().filter(h -> h.reason() == RefusalReason.CONNECTION_LIMIT).toList();
    }
}
