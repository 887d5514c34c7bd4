package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;
import static dev.enoscoap.junit.EnosAssertions.assertThatThrownBy;

import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.session.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Waiting for what a device does, and moving time instead of waiting for it. A server per test,
 * so that one test moving the clock never moves it under another running in parallel.
 */
@EnosCoapServer(virtualClock = true, scope = EnosCoapServer.Scope.PER_TEST)
class AwaitAndVirtualTimeTest {

    @Test
    void awaitReturnsOnceTheDeviceIsOnlineAndHasSentTheRequests(EnosTestServer server,
            @FreshDevice DeviceCredentials device) {
        String topic = "/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/thing/measurepoint/post";
        try (TestDevice client = Clients.connect(server, device)) {
            client.firePost(topic, "{\"id\":\"1\"}");
            server.await().untilOnline(device);
            client.firePost(topic, "{\"id\":\"2\"}");
            List<ExchangeEntry> requests = server.await().untilRequests(device, 2);
            assertThat(requests).hasSize(2).allSatisfy(r -> assertThat(r.path()).isEqualTo(topic));
            assertThat(server.await().untilUplinks(device, "thing.measurepoint.post", 2)).hasSize(2);
        }
        assertThat(server.journal()).hasOnline(device).hasRequestCount(device, 2);
    }

    @Test
    void aTimedOutWaitListsWhatArrivedWithTheDevicesEntriesFirst(EnosTestServer server,
            @FreshDevice DeviceCredentials device) {
        try (TestDevice client = Clients.connect(server, device)) {
            assertThat(client.get("/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/x")).isNotNull();
        }
        assertThatThrownBy(() -> server.await().atMost(Duration.ofMillis(300)).untilRequests(device, 2))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("waited 300 ms until 2 request(s) of " + device.id())
                .hasMessageContaining("since the test started")
                .hasMessageContaining("near miss: #")
                .hasMessageContaining("request GET /topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/x");
    }

    @Test
    void advancingTheVirtualClockPastTheLifetimeRecordsTheDeviceOfflineAtOnce(EnosTestServer server,
            VirtualClock clock, @FreshDevice DeviceCredentials device) {
        try (TestDevice client = TestDevice.of(server.coapsUri(), device.identity(SecureMode.DEVICE_SECRET, 30),
                device.pskKey())) {
            assertThat(client.get("/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/x")).isNotNull();
        }
        assertThat(server.mockServer().presence().isOnline(device.id())).isTrue();
        Instant before = clock.instant();

        clock.advance(Duration.ofSeconds(29));
        assertThat(server.journal().stateChanges(device.id())).extracting(StateChange::kind)
                .containsExactly(StateChange.Kind.ONLINE);

        clock.advance(Duration.ofSeconds(1));
        assertThat(server.journal()).hasOffline(device);
        assertThat(server.journal().stateChanges(device.id())).extracting(StateChange::kind)
                .containsExactly(StateChange.Kind.ONLINE, StateChange.Kind.OFFLINE);
        assertThat(server.journal().stateChanges(device.id()).get(1).time()).isEqualTo(before.plusSeconds(30));
        assertThat(server.clock().instant()).isEqualTo(before.plusSeconds(30));
    }

    @Test
    void untilOfflineReturnsWhenTheClockMovesPastTheLifetime(EnosTestServer server,
            @FreshDevice DeviceCredentials device) {
        try (TestDevice client = Clients.connect(server, device)) {
            assertThat(client.get("/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/x")).isNotNull();
        }
        server.virtualClock().advance(Duration.ofSeconds(300));
        server.await().untilOffline(device);
        assertThat(server.mockServer().presence().isOnline(device.id())).isFalse();
    }
}
