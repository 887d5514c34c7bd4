package dev.enoscoap.mock.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.session.VirtualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reading the journal from a sequence number on: only what is newer, in order, whatever was dropped. */
class JournalEntriesSinceTest {
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final DeviceId device = new DeviceId("pk", "dk");

    private StateChange record(Journal journal) {
        return journal.record((seq, time) -> new StateChange(seq, time, device, StateChange.Kind.ONLINE, ""));
    }

    @Test
    void returnsTheEntriesAfterTheSequenceNumberOldestFirst() {
        Journal journal = new Journal(100, clock);
        for (int i = 0; i < 5; i++) {
            record(journal);
        }
        assertThat(journal.entriesSince(3)).extracting(JournalEntry::sequence).containsExactly(4L, 5L);
        assertThat(journal.entriesSince(0)).isEqualTo(journal.entries());
        assertThat(journal.entriesSince(5)).isEmpty();
        assertThat(journal.entriesSince(99)).isEmpty();
    }

    @Test
    void entriesDroppedForCapacityOrClearedAreSimplyNotThere() {
        Journal journal = new Journal(3, clock);
        for (int i = 0; i < 6; i++) {
            record(journal);
        }
        assertThat(journal.entriesSince(1)).extracting(JournalEntry::sequence).containsExactly(4L, 5L, 6L);
        assertThat(journal.entriesSince(5)).extracting(JournalEntry::sequence).containsExactly(6L);

        journal.clear();
        assertThat(journal.entriesSince(0)).isEmpty();
        record(journal);
        assertThat(journal.entriesSince(6)).extracting(JournalEntry::sequence).containsExactly(7L);
    }

    @Test
    void theResultIsASnapshotThatLaterEntriesDoNotChange() {
        Journal journal = new Journal(10, clock);
        record(journal);
        List<JournalEntry> since = journal.entriesSince(0);
        record(journal);
        assertThat(since).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> since.add(since.get(0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aReaderFollowingTheJournalWhileOthersWriteSeesEveryEntryOnceAndInOrder() throws Exception {
        Journal journal = new Journal(100_000, clock);
        int writers = 4;
        int perWriter = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perWriter; i++) {
                    record(journal);
                }
            });
            t.start();
            threads.add(t);
        }
        List<Long> seen = new ArrayList<>();
        long cursor = 0;
        start.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (seen.size() < writers * perWriter && System.nanoTime() < deadline) {
            for (JournalEntry e : journal.entriesSince(cursor)) {
                seen.add(e.sequence());
                cursor = e.sequence();
            }
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(seen).hasSize(writers * perWriter).isSorted().doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo(1L);
        assertThat(seen.get(seen.size() - 1)).isEqualTo((long) writers * perWriter);
    }
}
