package dev.enoscoap.mock.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.session.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalTest {
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final DeviceId a = new DeviceId("pk", "a");
    private final DeviceId b = new DeviceId("pk", "b");

    @Test
    void dropsTheOldestBeyondCapacityAndCountsThem() {
        Journal journal = new Journal(3, clock);
        for (int i = 0; i < 5; i++) {
            journal.record((seq, time) -> new StateChange(seq, time, a, StateChange.Kind.ONLINE, ""));
        }
        assertThat(journal.entries()).extracting(JournalEntry::sequence).containsExactly(3L, 4L, 5L);
        assertThat(journal.dropped()).isEqualTo(2);
        assertThat(journal.recorded()).isEqualTo(5);
        assertThat(journal.dump()).contains("2 older entries dropped; capacity 3");
    }

    @Test
    void stampsEntriesWithTheClockAndFiltersByDevice() {
        Journal journal = new Journal(10, clock);
        journal.record((seq, time) -> new StateChange(seq, time, a, StateChange.Kind.ONLINE, ""));
        clock.advance(Duration.ofSeconds(5));
        journal.record((seq, time) -> new StateChange(seq, time, b, StateChange.Kind.ONLINE, ""));
        assertThat(journal.stateChanges(b)).singleElement()
                .satisfies(e -> assertThat(e.time()).isEqualTo(Instant.parse("2026-01-01T00:00:05Z")));
        assertThat(journal.stateChanges(a)).hasSize(1);
        assertThat(journal.handshakes()).isEmpty();
    }

    @Test
    void clearKeepsSequenceNumbersGoing() {
        Journal journal = new Journal(10, clock);
        journal.record((seq, time) -> new StateChange(seq, time, a, StateChange.Kind.ONLINE, ""));
        journal.clear();
        StateChange next = journal.record((seq, time) -> new StateChange(seq, time, a, StateChange.Kind.OFFLINE, ""));
        assertThat(next.sequence()).isEqualTo(2);
        assertThat(journal.entries()).containsExactly(next);
    }

    @Test
    void listenersSeeEveryEntryUntilUnsubscribed() throws Exception {
        Journal journal = new Journal(10, clock);
        List<JournalEntry> seen = new ArrayList<>();
        AutoCloseable subscription = journal.subscribe(seen::add);
        journal.record((seq, time) -> new StateChange(seq, time, a, StateChange.Kind.ONLINE, ""));
        subscription.close();
        journal.record((seq, time) -> new StateChange(seq, time, a, StateChange.Kind.OFFLINE, ""));
        assertThat(seen).extracting(e -> ((StateChange) e).kind()).containsExactly(StateChange.Kind.ONLINE);
    }

    @Test
    void refusesAUselessCapacity() {
        assertThatThrownBy(() -> new Journal(0, clock)).hasMessageContaining("at least 1");
    }
}
