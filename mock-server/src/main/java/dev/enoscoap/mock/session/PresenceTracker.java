package dev.enoscoap.mock.session;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.DeviceId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apiguardian.api.API;

/**
 * Online/offline per device by Lifetime (EC-7): a device is online from a successful handshake,
 * every request refreshes it, and it is offline once Lifetime seconds pass without one.
 * Transitions are recorded in the journal: ONLINE by the exchange that brings a device online,
 * OFFLINE by {@link #sweep}, which the server's timer runs (every second, or at once when a
 * virtual clock moves). Reading presence writes nothing. Time comes from the injected clock only.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PresenceTracker {
    private final Clock clock;
    private final Journal journal;
    private final ConcurrentMap<DeviceId, State> devices = new ConcurrentHashMap<>();

    /**
     * One device's presence, updated in place: a request costs a map look-up and a few writes
     * under the device's own lock, not a new map entry.
     */
    private static final class State {
        final DeviceId device;
        boolean online;
        Instant lastSeen;
        int lifetimeSeconds;

        State(DeviceId device) {
            this.device = device;
        }

        boolean expiredAt(Instant now) {
            return !now.isBefore(lastSeen.plusSeconds(lifetimeSeconds));
        }

        Presence snapshot() {
            return new Presence(device, online, lastSeen, lifetimeSeconds);
        }
    }

    @API(status = INTERNAL, since = "0.1")
    public PresenceTracker(Clock clock, Journal journal) {
        this.clock = clock;
        this.journal = journal;
    }

    /**
     * Records a message exchange of {@code device} in a session with {@code lifetimeSeconds}.
     *
     * @param cause what the exchange was, for the ONLINE entry
     */
    @API(status = INTERNAL, since = "0.1")
    public void seen(DeviceId device, int lifetimeSeconds, String cause) {
        // Only this device is looked at: a request must not cost a walk over every device.
        Instant now = clock.instant();
        State state = devices.get(device);
        if (state == null) {
            state = devices.computeIfAbsent(device, State::new);
        }
        Presence expired = null;
        boolean cameOnline;
        synchronized (state) {
            boolean wasOnline = state.online;
            if (wasOnline && state.expiredAt(now)) {
                expired = state.snapshot();
                wasOnline = false;
            }
            state.online = true;
            state.lastSeen = now;
            state.lifetimeSeconds = lifetimeSeconds;
            cameOnline = !wasOnline;
        }
        if (expired != null) {
            recordOffline(expired);
        }
        if (cameOnline) {
            journal.record((seq, time) -> new StateChange(seq, time, device, StateChange.Kind.ONLINE,
                    cause + ", lifetime " + lifetimeSeconds + " s"));
        }
    }

    /**
     * Marks offline every device whose Lifetime has run out, and records each transition.
     *
     * @return how many devices went offline
     */
    @API(status = INTERNAL, since = "0.1")
    public int sweep() {
        Instant now = clock.instant();
        List<Presence> expired = new ArrayList<>();
        for (State state : devices.values()) {
            synchronized (state) {
                if (state.online && state.expiredAt(now)) {
                    expired.add(state.snapshot());
                    state.online = false;
                }
            }
        }
        expired.sort(java.util.Comparator.comparing(Presence::expiresAt));
        expired.forEach(this::recordOffline);
        return expired.size();
    }

    private void recordOffline(Presence p) {
        journal.record((seq, time) -> new StateChange(seq, time, p.device(), StateChange.Kind.OFFLINE,
                "no message exchange for " + p.lifetimeSeconds() + " s since " + p.lastSeen() + " (EC-7)"));
    }

    /**
     * The device's presence now, if it was ever seen: offline once its Lifetime has run out, even
     * before the sweep journals it.
     */
    public Optional<Presence> presence(DeviceId device) {
        State state = devices.get(device);
        if (state == null) {
            return Optional.empty();
        }
        Presence p;
        synchronized (state) {
            p = state.snapshot();
        }
        return Optional.of(asOf(p, clock.instant()));
    }

    /** Whether the device is online now. */
    public boolean isOnline(DeviceId device) {
        return presence(device).map(Presence::online).orElse(false);
    }

    /** The clock presence is judged by. */
    public Clock clock() {
        return clock;
    }

    /** Every device ever seen, as of now (see {@link #presence}). */
    public List<Presence> all() {
        Instant now = clock.instant();
        List<Presence> all = new ArrayList<>();
        for (State state : devices.values()) {
            Presence p;
            synchronized (state) {
                p = state.snapshot();
            }
            all.add(asOf(p, now));
        }
        return List.copyOf(all);
    }

    private static Presence asOf(Presence p, Instant now) {
        return p.online() && !now.isBefore(p.expiresAt()) ? new Presence(p.device(), false, p.lastSeen(), p.lifetimeSeconds())
                : p;
    }
}
