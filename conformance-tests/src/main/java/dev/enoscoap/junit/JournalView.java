package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.DeviceId;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * The part of a server's {@link Journal} a test looks at: the entries recorded after a given
 * sequence number (the test's start), read live. It offers what the journal offers, limited to
 * those entries, with devices named by {@link DeviceCredentials} or {@link DeviceId}. Reading it
 * costs what the test recorded, not the whole journal. Assert on it with
 * {@link EnosAssertions#assertThat(JournalView)}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class JournalView {
    private final Journal journal;
    private final long after;
    private final boolean sinceTestStart;
    /** Entries fixed at a moment, or {@code null} for a live view. */
    private final List<JournalEntry> fixed;

    JournalView(Journal journal, long after, boolean sinceTestStart) {
        this(journal, after, sinceTestStart, null);
    }

    private JournalView(Journal journal, long after, boolean sinceTestStart, List<JournalEntry> fixed) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.after = after;
        this.sinceTestStart = sinceTestStart;
        this.fixed = fixed;
    }

    /** The whole journal as a view. */
    public static JournalView of(Journal journal) {
        return new JournalView(journal, 0, false);
    }

    /** The same view, but holding exactly {@code entries} (already in view, oldest first). */
    JournalView fixedAt(List<JournalEntry> entries) {
        return new JournalView(journal, after, sinceTestStart, entries);
    }

    /** The entries in view, oldest first. */
    public List<JournalEntry> entries() {
        return fixed != null ? fixed : journal.entriesSince(after);
    }

    /** The entries in view of one type that match {@code filter}, oldest first. */
    public <T extends JournalEntry> List<T> entries(Class<T> type, Predicate<? super T> filter) {
        return Journal.select(entries(), type, filter);
    }

    /** Handshake attempts in view. */
    public List<HandshakeEntry> handshakes() {
        return entries(HandshakeEntry.class, e -> true);
    }

    /** Handshake attempts in view whose well-formed identity names {@code device}. */
    public List<HandshakeEntry> handshakes(DeviceId device) {
        return entries(HandshakeEntry.class, e -> device.equals(e.device()));
    }

    /** Handshake attempts in view whose well-formed identity names {@code device}. */
    public List<HandshakeEntry> handshakes(DeviceCredentials device) {
        return handshakes(device.id());
    }

    /** Requests in view. */
    public List<ExchangeEntry> exchanges() {
        return entries(ExchangeEntry.class, e -> true);
    }

    /** Requests in view sent on sessions of {@code device}. */
    public List<ExchangeEntry> exchanges(DeviceId device) {
        return entries(ExchangeEntry.class, e -> device.equals(e.device()));
    }

    /** Requests in view sent on sessions of {@code device}. */
    public List<ExchangeEntry> exchanges(DeviceCredentials device) {
        return exchanges(device.id());
    }

    /** State changes in view. */
    public List<StateChange> stateChanges() {
        return entries(StateChange.class, e -> true);
    }

    /** State changes of {@code device} in view. */
    public List<StateChange> stateChanges(DeviceId device) {
        return entries(StateChange.class, e -> e.device().equals(device));
    }

    /** State changes of {@code device} in view. */
    public List<StateChange> stateChanges(DeviceCredentials device) {
        return stateChanges(device.id());
    }

    /** Scripted faults the server applied, in view. */
    public List<FaultEntry> faults() {
        return entries(FaultEntry.class, e -> true);
    }

    /** Scripted faults the server applied to {@code device}, in view. */
    public List<FaultEntry> faults(DeviceId device) {
        return entries(FaultEntry.class, e -> device.equals(e.device()));
    }

    /** Scripted faults the server applied to {@code device}, in view. */
    public List<FaultEntry> faults(DeviceCredentials device) {
        return faults(device.id());
    }

    /**
     * How many entries that fall in view the journal no longer holds, because it was full (see
     * {@link Journal#capacity()}) or cleared.
     */
    public long dropped() {
        long recorded = journal.recorded();
        List<JournalEntry> held = entries();
        long first = held.isEmpty() ? recorded + 1 : held.get(0).sequence();
        return Math.max(0, first - after - 1);
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

    /** Subscribes to entries recorded from now on. */
    AutoCloseable subscribe(Runnable onEntry) {
        return journal.subscribe(e -> onEntry.run());
    }

    @Override
    public String toString() {
        return "JournalView[" + entries().size() + " entries" + (sinceTestStart ? " since the test started, after #"
                + after : "") + "]";
    }
}
