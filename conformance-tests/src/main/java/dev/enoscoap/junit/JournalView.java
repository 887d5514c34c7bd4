package dev.enoscoap.junit;

import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.DeviceId;
import java.util.List;
import java.util.Objects;

/**
 * The part of a server's {@link Journal} a test looks at: the entries recorded after a given
 * sequence number (the test's start), read live. Assert on it with
 * {@link EnosAssertions#assertThat(JournalView)}.
 */
public final class JournalView {
    private final Journal journal;
    private final long after;
    private final boolean sinceTestStart;

    JournalView(Journal journal, long after, boolean sinceTestStart) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.after = after;
        this.sinceTestStart = sinceTestStart;
    }

    /** The whole journal as a view. */
    public static JournalView of(Journal journal) {
        return new JournalView(journal, 0, false);
    }

    /** The entries in view, oldest first. */
    public List<JournalEntry> entries() {
        return journal.entries().stream().filter(e -> e.sequence() > after).toList();
    }

    /** Handshake attempts in view. */
    public List<HandshakeEntry> handshakes() {
        return journal.handshakes().stream().filter(e -> e.sequence() > after).toList();
    }

    /** Handshake attempts in view whose well-formed identity names {@code device}. */
    public List<HandshakeEntry> handshakes(DeviceId device) {
        return journal.handshakes(device).stream().filter(e -> e.sequence() > after).toList();
    }

    /** Requests in view. */
    public List<ExchangeEntry> exchanges() {
        return journal.exchanges().stream().filter(e -> e.sequence() > after).toList();
    }

    /** Requests in view sent on sessions of {@code device}. */
    public List<ExchangeEntry> exchanges(DeviceId device) {
        return journal.exchanges(device).stream().filter(e -> e.sequence() > after).toList();
    }

    /** State changes in view. */
    public List<StateChange> stateChanges() {
        return journal.stateChanges().stream().filter(e -> e.sequence() > after).toList();
    }

    /** State changes of {@code device} in view. */
    public List<StateChange> stateChanges(DeviceId device) {
        return journal.stateChanges(device).stream().filter(e -> e.sequence() > after).toList();
    }

    /** The entries in view, one a line. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        for (JournalEntry e : entries()) {
            sb.append(JournalText.line(e)).append('\n');
        }
        return sb.toString();
    }

    /** The whole journal of the server. */
    public Journal journal() {
        return journal;
    }

    /** The view starts after this sequence number; 0 for the whole journal. */
    public long startsAfter() {
        return after;
    }

    /** Whether the view starts where the test started (journal reset on), rather than at the server's start. */
    public boolean sinceTestStart() {
        return sinceTestStart;
    }

    /** Subscribes to entries recorded from now on that fall in view. */
    AutoCloseable subscribe(Runnable onEntry) {
        return journal.subscribe(e -> onEntry.run());
    }

    @Override
    public String toString() {
        List<JournalEntry> entries = entries();
        return "JournalView[" + entries.size() + " entries" + (sinceTestStart ? " since the test started, after #"
                + after : "") + "]";
    }
}
