package dev.enoscoap.mock.journal;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.protocol.DeviceId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * What the mock server saw, in order: handshakes, requests with responses, state changes.
 *
 * <p>Bounded: when more than {@link #capacity()} entries are held, the oldest is dropped and
 * counted in {@link #dropped()}. Thread-safe; queries return snapshots.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Journal {
    /** Default number of entries kept. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final Clock clock;
    private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();
    /** Who subscribed, guarded by itself; recording reads {@link #listenerArray} instead. */
    private final List<Consumer<? super JournalEntry>> listeners = new ArrayList<>();
    /** The listeners as an array, replaced on every change: recording an entry walks it without a lock or an iterator. */
    private volatile Consumer<? super JournalEntry>[] listenerArray = listenerArray(List.of());
    private long nextSequence = 1;
    private long dropped;

    /**
     * @param capacity how many entries to keep, at least 1
     * @param clock the clock that stamps entries
     */
    @API(status = INTERNAL, since = "0.1")
    public Journal(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("journal capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records an entry built by {@code factory} from its sequence number and time, and tells the
     * listeners.
     *
     * @return the entry recorded
     */
    @API(status = INTERNAL, since = "0.1")
    public <T extends JournalEntry> T record(BiFunction<Long, Instant, T> factory) {
        T entry;
        synchronized (entries) {
            entry = factory.apply(nextSequence++, clock.instant());
            entries.addLast(entry);
            if (entries.size() > capacity) {
                entries.removeFirst();
                dropped++;
            }
        }
        for (Consumer<? super JournalEntry> listener : listenerArray) {
            listener.accept(entry);
        }
        return entry;
    }

    /**
     * Calls {@code listener} with every entry recorded from now on, on the thread that records it.
     *
     * @return closing it removes the listener
     */
    public AutoCloseable subscribe(Consumer<? super JournalEntry> listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (listeners) {
            listeners.add(listener);
            listenerArray = listenerArray(listeners);
        }
        return () -> {
            synchronized (listeners) {
                listeners.remove(listener);
                listenerArray = listenerArray(listeners);
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Consumer<? super JournalEntry>[] listenerArray(List<Consumer<? super JournalEntry>> list) {
        return list.toArray(new Consumer[0]);
    }

    /** All entries held, oldest first. */
    public List<JournalEntry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /**
     * The entries held whose sequence number is greater than {@code sequence}, oldest first; all
     * entries for 0. It walks back from the newest entry only as far as {@code sequence}, so a
     * reader that remembers the last sequence number it saw follows the journal at the cost of
     * what is new, not of the whole journal.
     */
    public List<JournalEntry> entriesSince(long sequence) {
        List<JournalEntry> newer = new ArrayList<>();
        synchronized (entries) {
            for (Iterator<JournalEntry> it = entries.descendingIterator(); it.hasNext(); ) {
                JournalEntry entry = it.next();
                if (entry.sequence() <= sequence) {
                    break;
                }
                newer.add(entry);
            }
        }
        Collections.reverse(newer);
        return Collections.unmodifiableList(newer);
    }

    /** The entries of one type that match {@code filter}, oldest first. */
    public <T extends JournalEntry> List<T> entries(Class<T> type, Predicate<? super T> filter) {
        return select(entries(), type, filter);
    }

    /** The entries of {@code entries} of one type that match {@code filter}, in their order. */
    @API(status = INTERNAL, since = "0.1")
    public static <T extends JournalEntry> List<T> select(List<? extends JournalEntry> entries, Class<T> type,
            Predicate<? super T> filter) {
        List<T> result = new ArrayList<>();
        for (JournalEntry entry : entries) {
            if (type.isInstance(entry)) {
                T typed = type.cast(entry);
                if (filter.test(typed)) {
                    result.add(typed);
                }
            }
        }
        return result;
    }

    /** All handshake attempts held. */
    public List<HandshakeEntry> handshakes() {
        return entries(HandshakeEntry.class, e -> true);
    }

    /** Handshake attempts whose well-formed identity names {@code device}. */
    public List<HandshakeEntry> handshakes(DeviceId device) {
        return entries(HandshakeEntry.class, e -> device.equals(e.device()));
    }

    /** All requests held. */
    public List<ExchangeEntry> exchanges() {
        return entries(ExchangeEntry.class, e -> true);
    }

    /** Requests sent on sessions of {@code device}. */
    public List<ExchangeEntry> exchanges(DeviceId device) {
        return entries(ExchangeEntry.class, e -> device.equals(e.device()));
    }

    /** All state changes held. */
    public List<StateChange> stateChanges() {
        return entries(StateChange.class, e -> true);
    }

    /** State changes of {@code device}. */
    public List<StateChange> stateChanges(DeviceId device) {
        return entries(StateChange.class, e -> e.device().equals(device));
    }

    /** All scripted faults applied. */
    public List<FaultEntry> faults() {
        return entries(FaultEntry.class, e -> true);
    }

    /** Removes all entries; sequence numbers go on from where they were. The drop count stays. */
    @API(status = INTERNAL, since = "0.1")
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    /** How many entries were dropped because the journal was full. */
    public long dropped() {
        synchronized (entries) {
            return dropped;
        }
    }

    /** How many entries were ever recorded. */
    public long recorded() {
        synchronized (entries) {
            return nextSequence - 1;
        }
    }

    /** How many entries are kept at most. */
    public int capacity() {
        return capacity;
    }

    /** The journal, one entry a line, for failure messages. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        for (JournalEntry e : entries()) {
            sb.append('#').append(e.sequence()).append(' ').append(e.time()).append(' ').append(e.describe()).append('\n');
        }
        long d = dropped();
        if (d > 0) {
            sb.append("(").append(d).append(" older entries dropped; capacity ").append(capacity).append(")\n");
        }
        return sb.toString();
    }
}
