package dev.enoscoap.mock.fault;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.Topics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * Scripted faults for testing how a client copes: a scripted response on a path, dropped
 * requests, a refused handshake, a forgotten DTLS session. Every fault applied is recorded in
 * the journal.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Faults {
    private final Journal journal;
    private final Consumer<DeviceId> sessionTerminator;
    private final Map<String, Scripted> overrides = new ConcurrentHashMap<>();
    private final Map<DeviceId, AtomicInteger> drops = new ConcurrentHashMap<>();
    private final Map<DeviceId, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final Map<DeviceId, TransmissionDrop> transmissionDrops = new ConcurrentHashMap<>();
    private final Map<DeviceId, String> reservations = new ConcurrentHashMap<>();

    /** The transmissions of one request still to drop: armed, then bound to the first request that comes. */
    private static final class TransmissionDrop {
        final int total;
        int left;
        java.net.InetSocketAddress peer;
        int messageId = -1;
        String token;

        TransmissionDrop(int total) {
            this.total = total;
            this.left = total;
        }
    }

    private static final class Scripted {
        final ResponseOverride override;
        final AtomicInteger left;

        Scripted(ResponseOverride override) {
            this.override = override;
            this.left = new AtomicInteger(override.times());
        }
    }

    /**
     * @param journal where applied faults are recorded
     * @param sessionTerminator removes a device's DTLS connections and sessions
     */
    @API(status = INTERNAL, since = "0.1")
    public Faults(Journal journal, Consumer<DeviceId> sessionTerminator) {
        this.journal = journal;
        this.sessionTerminator = sessionTerminator;
    }

    /**
     * Scripts the response to requests on {@code path}, e.g.
     * {@code /topic/sys/pk/dk/thing/measurepoint/post} (the leading {@code /topic} may be left out).
     */
    public void overrideResponse(String path, ResponseOverride override) {
        overrides.put(normalise(path), new Scripted(override));
    }

    /** Drops the next {@code n} requests of the device without any response or ACK. */
    public void dropNextRequests(DeviceId device, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        drops.computeIfAbsent(device, k -> new AtomicInteger()).addAndGet(n);
    }

    /**
     * Drops the next confirmable request of the device and then its retransmissions (the same
     * Message ID and token from the same address), {@code transmissions} transmissions in all,
     * without any response or ACK; the transmission after them is answered as usual. Each drop is
     * journaled with the request's Message ID and token, and the {@link dev.enoscoap.mock.wire.WireTap}
     * shows the time of every transmission. Replaces a drop of this kind not yet used up.
     */
    public void dropTransmissions(DeviceId device, int transmissions) {
        if (transmissions < 1) {
            throw new IllegalArgumentException("transmissions must be at least 1, was " + transmissions);
        }
        transmissionDrops.put(device, new TransmissionDrop(transmissions));
    }

    /**
     * Reserves the device for one holder, such as a judge that applies faults to it, so that two
     * holders never script the same device at once.
     *
     * @param holder who holds it, in words (shown to the next one who asks)
     * @return closing it ends the reservation
     * @throws IllegalStateException naming the device and its holder if it is reserved already
     */
    public AutoCloseable reserve(DeviceId device, String holder) {
        java.util.Objects.requireNonNull(device, "device");
        java.util.Objects.requireNonNull(holder, "holder");
        String other = reservations.putIfAbsent(device, holder);
        if (other != null) {
            throw new IllegalStateException("device " + device + " is already reserved by " + other
                    + "; one holder at a time scripts a device");
        }
        return () -> reservations.remove(device, holder);
    }

    /** Who holds the device, if it is reserved. */
    public Optional<String> reservedBy(DeviceId device) {
        return Optional.ofNullable(reservations.get(device));
    }

    /** Refuses the next {@code n} handshakes of the device (as an unknown identity is refused). */
    public void refuseNextHandshakes(DeviceId device, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        refusals.computeIfAbsent(device, k -> new AtomicInteger()).addAndGet(n);
    }

    /** Refuses the next handshake of the device. */
    public void refuseNextHandshake(DeviceId device) {
        refuseNextHandshakes(device, 1);
    }

    /**
     * Forgets the device's DTLS connections and sessions now, without telling it: its next record
     * is dropped and it must handshake again.
     */
    public void forgetSession(DeviceId device) {
        sessionTerminator.accept(device);
        record(device, FaultEntry.Kind.SESSION_FORGOTTEN, "DTLS connections and sessions removed without an alert");
    }

    /**
     * Removes the scripted faults of one device not yet applied: its drops and refusals, and the
     * scripted responses on its own topics and activation path.
     */
    public void clear(DeviceId device) {
        drops.remove(device);
        refusals.remove(device);
        transmissionDrops.remove(device);
        overrides.keySet().removeIf(p -> Topics.isPathOf(p, device));
    }

    /** Removes every scripted fault not yet applied. */
    public void clear() {
        overrides.clear();
        drops.clear();
        refusals.clear();
        transmissionDrops.clear();
    }

    /** The override for a request on {@code path}, used up by one. */
    @API(status = INTERNAL, since = "0.1")
    public Optional<ResponseOverride> takeOverride(String path, DeviceId device) {
        Scripted s = overrides.get(normalise(path));
        if (s == null) {
            return Optional.empty();
        }
        if (s.override.times() != -1 && s.left.getAndDecrement() <= 0) {
            overrides.remove(normalise(path), s);
            return Optional.empty();
        }
        record(device, FaultEntry.Kind.RESPONSE_OVERRIDDEN, path + " answered with " + s.override);
        return Optional.of(s.override);
    }

    /** Whether any device has requests left to drop; lets the request path skip the lookup. */
    @API(status = INTERNAL, since = "0.1")
    public boolean dropsPending() {
        return !transmissionDrops.isEmpty() || drops.values().stream().anyMatch(n -> n.get() > 0);
    }

    /**
     * Whether to drop this transmission of a request of the device, by {@link #dropTransmissions}:
     * the first confirmable request after it was armed, and its retransmissions; counts one down.
     */
    @API(status = INTERNAL, since = "0.1")
    public boolean takeTransmissionDrop(DeviceId device, java.net.InetSocketAddress peer, boolean confirmable,
            FaultEntry.Request request) {
        int messageId = request.messageId();
        String token = request.token();
        TransmissionDrop d = transmissionDrops.get(device);
        if (d == null) {
            return false;
        }
        int number;
        synchronized (d) {
            if (d.left <= 0) {
                return false;
            }
            if (d.token == null) {
                if (!confirmable) {
                    return false;
                }
                d.peer = peer;
                d.messageId = messageId;
                d.token = token;
            } else if (d.messageId != messageId || !d.token.equals(token) || !java.util.Objects.equals(d.peer, peer)) {
                return false;
            }
            d.left--;
            number = d.total - d.left;
            if (d.left == 0) {
                transmissionDrops.remove(device, d);
            }
        }
        String detail = "dropped without a response (transmission " + number + " of " + d.total + " to drop)";
        journal.record((seq, time) -> new FaultEntry(seq, time, device, FaultEntry.Kind.REQUEST_DROPPED, request, detail));
        return true;
    }

    /** Whether to drop this request of the device; counts one down and journals the request it dropped. */
    @API(status = INTERNAL, since = "0.1")
    public boolean takeDrop(DeviceId device, FaultEntry.Request request) {
        if (takeOne(drops, device)) {
            journal.record((seq, time) -> new FaultEntry(seq, time, device, FaultEntry.Kind.REQUEST_DROPPED, request,
                    "dropped without a response"));
            return true;
        }
        return false;
    }

    /** Whether to refuse this handshake of the device; counts one down. */
    @API(status = INTERNAL, since = "0.1")
    public boolean takeHandshakeRefusal(DeviceId device) {
        if (takeOne(refusals, device)) {
            record(device, FaultEntry.Kind.HANDSHAKE_REFUSED, "handshake refused on purpose");
            return true;
        }
        return false;
    }

    private static boolean takeOne(Map<DeviceId, AtomicInteger> counts, DeviceId device) {
        AtomicInteger left = counts.get(device);
        return left != null && left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private void record(DeviceId device, FaultEntry.Kind kind, String detail) {
        journal.record((seq, time) -> new FaultEntry(seq, time, device, kind, detail));
    }

    private static String normalise(String path) {
        return Topics.coapPath(path);
    }
}
