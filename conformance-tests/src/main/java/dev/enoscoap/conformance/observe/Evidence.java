package dev.enoscoap.conformance.observe;

import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.ReplyCode;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkKind;
import dev.enoscoap.mock.wire.ReceivedRecord;
import dev.enoscoap.mock.wire.ReceivedRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything the session saw of one device, in arrival order: its handshakes, requests (as the
 * journal has them, and every transmission as it arrived), state changes, the faults applied to
 * it, DTLS records from its session addresses, and the stimuli the session applied. Bounded: beyond
 * {@link #KEPT} entries of a kind, further ones are only counted. Confined to the session's thread.
 */
final class Evidence {
    /** Entries kept per kind; a device that sends more is judged on the first ones and counted. */
    static final int KEPT = 20_000;
    /** Journal lines kept for the page and the evidence. */
    static final int LINES = 40;

    final DeviceId device;
    final Instant started;
    /** Whether the registry had a device secret for it when the session started (else it must activate). */
    final boolean hadSecret;

    final List<HandshakeEntry> handshakes = new ArrayList<>();
    final List<ExchangeEntry> exchanges = new ArrayList<>();
    final List<ReceivedRequest> transmissions = new ArrayList<>();
    final List<StateChange> states = new ArrayList<>();
    final List<FaultEntry> faults = new ArrayList<>();
    final List<ReceivedRecord> records = new ArrayList<>();
    final Deque<JournalEntry> lines = new ArrayDeque<>();
    final Set<InetSocketAddress> sessionAddresses = new LinkedHashSet<>();
    final Set<InetAddress> hosts = new LinkedHashSet<>();
    long notKept;

    /** Stimuli the session applied, with their times. */
    Instant dropArmedAt;
    Instant commandsQueuedAt;
    List<CommandHandle> commands = List.of();
    Instant errorArmedAt;
    String errorPath;
    Instant loseSessionArmedAt;
    Instant forgottenAt;
    Set<InetSocketAddress> forgottenAddresses = Set.of();

    Evidence(DeviceId device, Instant started, boolean hadSecret) {
        this.device = device;
        this.started = started;
        this.hadSecret = hadSecret;
    }

    <T> void keep(List<T> list, T item) {
        if (list.size() < KEPT) {
            list.add(item);
        } else {
            notKept++;
        }
    }

    void line(JournalEntry e) {
        lines.addLast(e);
        while (lines.size() > LINES) {
            lines.removeFirst();
        }
    }

    // --- questions the judgements ask ---

    /** Whether the handshake's parsed identity is this device's. */
    boolean named(HandshakeEntry h) {
        return h.identity() != null && h.identity().device().equals(device);
    }

    boolean mode(HandshakeEntry h, SecureMode mode) {
        return named(h) && h.identity().secureMode() == mode;
    }

    /** The first handshake matching {@code p}, after {@code after} (inclusive) if not null. */
    Optional<HandshakeEntry> firstHandshake(Instant after, Predicate<HandshakeEntry> p) {
        return handshakes.stream().filter(h -> after == null || !h.time().isBefore(after)).filter(p).findFirst();
    }

    Optional<ExchangeEntry> firstExchange(Instant after, Predicate<ExchangeEntry> p) {
        return exchanges.stream().filter(e -> after == null || !e.time().isBefore(after)).filter(p).findFirst();
    }

    /** When the device was served its secret by activation in this session, or {@code null}. */
    Instant activatedAt() {
        return states.stream().filter(s -> s.kind() == StateChange.Kind.ACTIVATED).map(StateChange::time).findFirst()
                .orElse(null);
    }

    /** The device's own measure point topic. */
    String measurePointPath() {
        return Topics.uplinkPath(UplinkKind.MEASUREPOINT_POST, device);
    }

    /** The uplink kind of an exchange's path, if it is an uplink topic of this device. */
    Optional<UplinkKind> uplinkKind(ExchangeEntry e) {
        return Topics.uplink(e.path()).filter(u -> u.device().equals(device)).map(Topics.Uplink::kind);
    }

    /** Whether the exchange is an upload the mock accepted (2.04 with reply code 200), not a scripted answer. */
    static boolean acceptedUpload(ExchangeEntry e) {
        return "POST".equals(e.method()) && e.succeeded() && e.replyCode() == ReplyCode.OK.code() && !e.scripted();
    }

    /**
     * Whether the device keeps a DTLS session for several requests: some session of it (its address
     * from one accepted handshake to the next) carried two or more requests, retransmissions counted
     * once.
     */
    boolean keepsSessions() {
        java.util.Map<InetSocketAddress, Set<String>> current = new java.util.HashMap<>();
        int h = 0;
        List<HandshakeEntry> accepted = handshakes.stream().filter(x -> x.accepted() && named(x)).toList();
        for (ReceivedRequest r : transmissions) {
            while (h < accepted.size() && !accepted.get(h).time().isAfter(r.time())) {
                current.remove(accepted.get(h).peer());
                h++;
            }
            Set<String> requests = current.computeIfAbsent(r.peer(), k -> new java.util.HashSet<>());
            requests.add(r.messageId() + "/" + r.token());
            if (requests.size() >= 2) {
                return true;
            }
        }
        return false;
    }

    /** Seconds with one decimal, e.g. {@code 2.4 s}. */
    static String seconds(Duration d) {
        long tenths = Math.round(d.toMillis() / 100.0);
        return tenths / 10 + "." + Math.abs(tenths % 10) + " s";
    }

    /** Milliseconds as seconds with two decimals, e.g. {@code 2.41 s}. */
    static String precise(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }
}
