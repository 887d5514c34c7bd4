package dev.enoscoap.mock.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.DeviceId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PresenceTrackerTest {
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final Journal journal = new Journal(100, clock);
    private final PresenceTracker tracker = new PresenceTracker(clock, journal);
    private final DeviceId dev = new DeviceId("pk", "dk");

    @Test
    void onlineUntilLifetimeSecondsPassWithoutExchange() {
        tracker.seen(dev, 30, "handshake");
        clock.advance(Duration.ofSeconds(29));
        assertThat(tracker.isOnline(dev)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tracker.isOnline(dev)).isFalse();
        assertThat(tracker.presence(dev)).get().satisfies(p -> assertThat(p.online()).isFalse());
        assertThat(tracker.all()).singleElement().satisfies(p -> assertThat(p.online()).isFalse());
        // Reading writes nothing: the OFFLINE transition is the sweep's to journal, once.
        assertThat(journal.stateChanges(dev)).extracting(StateChange::kind).containsExactly(StateChange.Kind.ONLINE);
        assertThat(tracker.sweep()).isEqualTo(1);
        assertThat(journal.stateChanges(dev)).extracting(StateChange::kind)
                .containsExactly(StateChange.Kind.ONLINE, StateChange.Kind.OFFLINE);
    }

    @Test
    void everyExchangeRefreshesTheLifetime() {
        tracker.seen(dev, 30, "handshake");
        clock.advance(Duration.ofSeconds(20));
        tracker.seen(dev, 30, "request");
        clock.advance(Duration.ofSeconds(20));
        assertThat(tracker.isOnline(dev)).isTrue();
        assertThat(tracker.presence(dev)).get().satisfies(p ->
                assertThat(p.expiresAt()).isEqualTo(Instant.parse("2026-01-01T00:00:50Z")));
        assertThat(journal.stateChanges(dev)).extracting(StateChange::kind).containsExactly(StateChange.Kind.ONLINE);
    }

    @Test
    void comingBackAfterOfflineIsANewOnlineTransition() {
        tracker.seen(dev, 30, "handshake");
        clock.advance(Duration.ofSeconds(31));
        tracker.seen(dev, 60, "handshake");
        assertThat(journal.stateChanges(dev)).extracting(StateChange::kind)
                .containsExactly(StateChange.Kind.ONLINE, StateChange.Kind.OFFLINE, StateChange.Kind.ONLINE);
        assertThat(tracker.presence(dev)).get().satisfies(p -> assertThat(p.lifetimeSeconds()).isEqualTo(60));
    }

    @Test
    void sweepRecordsEachExpiryOnceInOrderOfExpiry() {
        DeviceId other = new DeviceId("pk", "other");
        tracker.seen(dev, 100, "handshake");
        tracker.seen(other, 40, "handshake");
        clock.advance(Duration.ofSeconds(200));
        assertThat(tracker.sweep()).isEqualTo(2);
        assertThat(tracker.sweep()).isZero();
        assertThat(journal.stateChanges()).filteredOn(c -> c.kind() == StateChange.Kind.OFFLINE)
                .extracting(StateChange::device).containsExactly(other, dev);
    }

    @Test
    void anExchangeAfterAnUnsweptExpiryRecordsOfflineThenOnline() {
        tracker.seen(dev, 30, "handshake");
        clock.advance(Duration.ofSeconds(45));
        // No sweep ran (the clock has no listener here): the exchange itself notices the expiry.
        tracker.seen(dev, 30, "request");
        assertThat(journal.stateChanges(dev)).extracting(StateChange::kind)
                .containsExactly(StateChange.Kind.ONLINE, StateChange.Kind.OFFLINE, StateChange.Kind.ONLINE);
        assertThat(tracker.sweep()).isZero();
    }

    @Test
    void unknownDeviceIsOffline() {
        assertThat(tracker.isOnline(dev)).isFalse();
        assertThat(tracker.presence(dev)).isEmpty();
    }
}
