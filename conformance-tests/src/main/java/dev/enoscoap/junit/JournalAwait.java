package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.session.Presence;
import dev.enoscoap.mock.session.PresenceTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * A bounded wait for what a device does asynchronously, woken by each new journal entry (no
 * polling, no sleeping); each wake-up reads only the entries recorded since the last. On timeout
 * it fails with what did arrive, entries of the device first.
 *
 * <pre>{@code
 * server.await().untilOnline(dev);
 * List<ExchangeEntry> uplinks = server.await().atMost(Duration.ofSeconds(10)).untilRequests(dev, 3);
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class JournalAwait {
    /** How long a wait lasts unless {@link #atMost(Duration)} says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final JournalView view;
    private final PresenceTracker presence;
    private final Duration timeout;

    JournalAwait(JournalView view, PresenceTracker presence, Duration timeout) {
        this.view = view;
        this.presence = presence;
        this.timeout = timeout;
    }

    /** The same wait with another timeout. */
    public JournalAwait atMost(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a wait needs a positive timeout, not " + timeout);
        }
        return new JournalAwait(view, presence, timeout);
    }

    /** Until the server counts the device online (EC-7). */
    public void untilOnline(DeviceCredentials device) {
        DeviceId id = device.id();
        until(id + " is online", id, v -> presence.isOnline(id) ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * Until the server counts the device offline, after having seen it (EC-7), and has journaled
     * the transition when the device came online in view (the server's timer journals it).
     */
    public void untilOffline(DeviceCredentials device) {
        DeviceId id = device.id();
        until(id + " is offline", id, v -> presence.presence(id).filter(p -> !p.online())
                .filter(p -> !cameOnlineLast(v, id)).map(Presence::online));
    }

    private static boolean cameOnlineLast(JournalView view, DeviceId id) {
        List<StateChange> moves = view.stateChanges(id).stream()
                .filter(c -> c.kind() == StateChange.Kind.ONLINE || c.kind() == StateChange.Kind.OFFLINE).toList();
        return !moves.isEmpty() && moves.get(moves.size() - 1).kind() == StateChange.Kind.ONLINE;
    }

    /** Until a handshake of the device ends, accepted or refused; returns the first one in view. */
    public HandshakeEntry untilHandshake(DeviceCredentials device) {
        DeviceId id = device.id();
        return until("a handshake of " + id, id, v -> v.handshakes(id).stream().findFirst());
    }

    /** Until {@code count} requests of the device are in view; returns them all. */
    public List<ExchangeEntry> untilRequests(DeviceCredentials device, int count) {
        DeviceId id = device.id();
        return until(count + " request(s) of " + id, id, v -> {
            List<ExchangeEntry> found = v.exchanges(id);
            return found.size() >= count ? Optional.of(found) : Optional.empty();
        });
    }

    /**
     * Until {@code count} uplinks of the EnOS method (e.g. {@code thing.measurepoint.post}) from the
     * device are in view, whatever the response; returns them.
     */
    public List<ExchangeEntry> untilUplinks(DeviceCredentials device, String enosMethod, int count) {
        DeviceId id = device.id();
        String path = Topics.uplinkPathOfMethod(id, enosMethod);
        return until(count + " uplink(s) " + enosMethod + " (POST " + path + ") of " + id, id, v -> {
            List<ExchangeEntry> found = v.exchanges(id).stream()
                    .filter(x -> x.method().equals("POST") && x.path().equals(path)).toList();
            return found.size() >= count ? Optional.of(found) : Optional.empty();
        });
    }

    /**
     * Until {@code condition} holds for the journal in view; {@code description} names it in the
     * timeout message. The condition sees the entries read so far, which do not change while it runs.
     */
    public void until(String description, Predicate<JournalView> condition) {
        Objects.requireNonNull(condition, "condition");
        until(description, null, v -> condition.test(v) ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * Runs {@code probe} on what is in view until it finds something. Each wake-up reads only the
     * entries recorded since the last one, and the probe sees them added to those read before.
     */
    private <T> T until(String description, DeviceId device, Function<JournalView, Optional<T>> probe) {
        Journal journal = view.journal();
        Object signal = new Object();
        long[] signals = {0};
        List<JournalEntry> inView = new ArrayList<>();
        List<JournalEntry> readOnly = Collections.unmodifiableList(inView);
        JournalView seen = view.fixedAt(readOnly);
        long cursor = view.startsAfter();
        try (AutoCloseable subscription = view.subscribe(() -> {
            synchronized (signal) {
                signals[0]++;
                signal.notifyAll();
            }
        })) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long before;
                synchronized (signal) {
                    before = signals[0];
                }
                for (JournalEntry e : journal.entriesSince(cursor)) {
                    inView.add(e);
                    cursor = e.sequence();
                }
                if (inView.size() > journal.capacity()) {
                    inView.subList(0, inView.size() - journal.capacity()).clear();
                }
                Optional<T> result = probe.apply(seen);
                if (result.isPresent()) {
                    return result.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("waited " + timeout.toMillis() + " ms until " + description
                            + ", but it did not happen. The journal got" + (view.sinceTestStart()
                                    ? " (since the test started)" : "") + ":\n"
                            + JournalText.listing(view.entries(), e -> device != null
                                    && device.equals(JournalText.deviceOf(e)) ? 1 : 0));
                }
                synchronized (signal) {
                    if (signals[0] == before) {
                        signal.wait(Math.max(1, left / 1_000_000), 0);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting until " + description, e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing the journal subscription failed", e);
        }
    }
}
