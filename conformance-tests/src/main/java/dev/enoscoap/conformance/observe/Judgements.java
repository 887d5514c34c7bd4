package dev.enoscoap.conformance.observe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.data.UplinkRecord;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.IdentityRule;
import dev.enoscoap.mock.protocol.PskIdentity;
import dev.enoscoap.mock.protocol.ReplyCode;
import dev.enoscoap.mock.protocol.ResponseCode;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkKind;
import dev.enoscoap.mock.wire.ReceivedRecord;
import dev.enoscoap.mock.wire.ReceivedRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The observation judgement of every purpose judged by observation: what on the wire makes it
 * pass or fail, and what it waits for. Each looks only at what the mock saw of the device (the
 * journal, the wire tap, the device data the mock kept) and at the stimuli the session applied.
 */
final class Judgements {
    /**
     * How much scheduling on either side may shift the gap between two transmissions (the mock
     * stamps a request when its CoAP layer gets it, after DTLS): the second retransmission must come
     * within three times this of twice the first timeout.
     */
    static final Duration JITTER = Duration.ofMillis(400);
    /**
     * How much earlier than 2 s the first retransmission may be seen: only a late stamp of the
     * original shortens the gap, and the mock stamps promptly.
     */
    static final Duration EARLY = JITTER;
    /**
     * How much later than 3 s the first retransmission may be seen: a busy device, a loaded host or
     * a slow radio link delays it, and a second too late is still RFC 7252 timing, not a fault.
     */
    static final Duration LATE = Duration.ofSeconds(1);
    /** RFC 7252: ACK_TIMEOUT. */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);
    /** RFC 7252: ACK_TIMEOUT × ACK_RANDOM_FACTOR. */
    static final Duration ACK_TIMEOUT_MAX = Duration.ofSeconds(3);
    /** RFC 7252: MAX_TRANSMIT_WAIT, the longest a request can be retransmitted. */
    static final Duration MAX_TRANSMIT_WAIT = Duration.ofSeconds(93);
    /** RFC 7252: EXCHANGE_LIFETIME, how long a Message ID must not be reused. */
    static final Duration EXCHANGE_LIFETIME = Duration.ofSeconds(247);
    /** How long a device may keep sending into a forgotten session before it fails ENOS-ROB-03. */
    static final Duration DEAD_SESSION_LIMIT = Duration.ofSeconds(100);
    /** The window after an application error in which a burst or a reconnect counts. */
    static final Duration AFTER_ERROR = Duration.ofSeconds(10);
    /** More requests than this in {@link #AFTER_ERROR} is a burst. */
    static final int BURST = 10;

    private static final Map<String, Judgement> ALL;

    static {
        Map<String, Judgement> m = new LinkedHashMap<>();
        for (Judgement j : List.of(new Baseline(), new DtlsVersion(), new CipherSuites(), new Identity("ENOS-ID-01",
                SecureMode.DEVICE_SECRET), new Key("ENOS-KEY-01", SecureMode.DEVICE_SECRET), new LifetimeRange(),
                new KeepsLifetime(), new Identity("ENOS-ID-02", SecureMode.PRODUCT_SECRET),
                new Key("ENOS-KEY-02", SecureMode.PRODUCT_SECRET), new ActivationRequest(), new ActivationSecret(),
                new Reconnect(), new SecureMode3Only(), new Imei(), new Confirmable(), new MeasurePointFraming(),
                new NewMessageIdAndToken(), new SmallPayloads(), new Milliseconds(),
                new OptionalUpload("ENOS-UP-04", Capability.UPLINK_BATCH, "a measure point batch",
                        Set.of(UplinkKind.MEASUREPOINT_POST_BATCH)),
                new OptionalUpload("ENOS-UP-05", Capability.UPLINK_RESUME, "offline measure points",
                        Set.of(UplinkKind.MEASUREPOINT_RESUME, UplinkKind.MEASUREPOINT_RESUME_BATCH)),
                new OptionalUpload("ENOS-UP-06", Capability.EVENT, "an event", Set.of(UplinkKind.EVENT_POST)),
                new OptionalUpload("ENOS-UP-07", Capability.ATTRIBUTE, "an attribute update",
                        Set.of(UplinkKind.ATTRIBUTE_UPDATE)),
                new CommandAnswered("ENOS-DOWN-01", false), new CommandAnswered("ENOS-DOWN-02", true),
                new Retransmitted(), new RetransmissionTiming(), new RefusedHandshakeRetried(),
                new ForgottenSession(), new ApplicationError())) {
            m.put(j.purpose, j);
        }
        ALL = Collections.unmodifiableMap(m);
    }

    private Judgements() {
    }

    /** The purposes that have an observation judgement. */
    static Set<String> purposes() {
        return ALL.keySet();
    }

    /** The judgement of {@code purpose}. */
    static Judgement of(String purpose) {
        Judgement j = ALL.get(purpose);
        if (j == null) {
            throw new IllegalArgumentException(purpose + " has no observation judgement");
        }
        return j;
    }

    /**
     * Why {@code purpose} cannot be judged in a stage with {@code stimulus}, or {@code null} if it
     * can: a purpose that needs provocation needs its stimulus.
     */
    static String stimulusProblem(String purpose, Stimulus stimulus) {
        Judgement j = ALL.get(purpose);
        return j == null ? purpose + " has no observation judgement" : j.stimulusProblem(stimulus);
    }

    /** One purpose's judgement. */
    abstract static class Judgement {
        final String purpose;

        Judgement(String purpose) {
            this.purpose = purpose;
        }

        /** A pass lands only when the session ends (a failure lands at once): the rule holds for the whole session. */
        boolean wholeSession() {
            return false;
        }

        /** A purpose still waiting is settled when the session ends rather than when its stage ends. */
        boolean settlesAtEnd() {
            return wholeSession();
        }

        /** Purposes whose failure explains why this one cannot be judged, besides its prerequisites. */
        List<String> explainedBy() {
            return List.of();
        }

        /** Why a stage with {@code stimulus} cannot judge it, or {@code null}. */
        String stimulusProblem(Stimulus stimulus) {
            return null;
        }

        /** Not applicable for a reason known when the session starts, or {@code null}. */
        Finding notApplicable(Context c) {
            return null;
        }

        /** The verdict, if what was seen decides it. */
        abstract Finding judge(Context c);

        /** What it waits for, to complete "the device did not … within N s". */
        abstract String waitingFor(Context c);

        /** The verdict of a purpose still waiting when its stage or the session ends ({@code when}: "within 60 s"). */
        Finding settle(Context c, String when) {
            return Finding.inconclusive("the device did not " + waitingFor(c) + " " + when + "; " + seen(c.evidence()));
        }
    }

    // ---------------------------------------------------------------- helpers

    static String seen(Evidence e) {
        Map<String, Long> refused = e.handshakes.stream().filter(h -> !h.accepted())
                .collect(Collectors.groupingBy(h -> String.valueOf(h.reason()), java.util.TreeMap::new, Collectors.counting()));
        long accepted = e.handshakes.stream().filter(HandshakeEntry::accepted).count();
        StringBuilder sb = new StringBuilder("seen: ").append(plural(e.handshakes.size(), "handshake"));
        if (!e.handshakes.isEmpty()) {
            sb.append(" (").append(accepted).append(" accepted");
            refused.forEach((reason, n) -> sb.append(", ").append(n).append(' ').append(reason));
            sb.append(')');
        }
        sb.append(", ").append(plural(e.exchanges.size(), "request"));
        return sb.toString();
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : noun.endsWith("s") ? "es" : "s");
    }

    static String at(HandshakeEntry h) {
        return "#" + h.sequence();
    }

    static String words(ExchangeEntry e) {
        return e.method() + " " + e.path() + " -> " + e.responseCode() + (e.replyCode() >= 0 ? " reply code " + e.replyCode()
                : "") + " (#" + e.sequence() + ")" + (e.note() == null || e.note().isEmpty() ? "" : ": " + e.note());
    }

    static String words(ReceivedRequest r) {
        return (r.confirmable() ? "CON " : "NON ") + r.method() + " " + r.path() + " mid=" + r.messageId() + " token="
                + (r.token().isEmpty() ? "(empty)" : r.token()) + " from " + address(r.peer());
    }

    static String address(InetSocketAddress a) {
        return a == null ? "?" : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    static String after(Instant from, Instant to) {
        return Evidence.seconds(Duration.between(from, to)) + " after";
    }

    static boolean versionRefused(HandshakeEntry h) {
        return h.reason() == RefusalReason.PROTOCOL_VERSION;
    }

    static boolean lifetimeRule(IdentityRule r) {
        return r == IdentityRule.LIFETIME_OUT_OF_RANGE || r == IdentityRule.LIFETIME_NOT_DECIMAL;
    }

    /** The SecureMode field as received ({@code ""} when there are fewer than three fields). */
    static String modeField(HandshakeEntry h) {
        if (h.identityReceived() == null) {
            return "";
        }
        List<String> f = PskIdentity.fields(h.identityReceived());
        return f.size() >= 3 ? f.get(2) : "";
    }

    static boolean onMode(ExchangeEntry e, SecureMode mode) {
        return e.identity() != null && e.identity().secureMode() == mode;
    }

    static boolean activationLike(String path) {
        return Topics.isSessionPath(path);
    }

    static boolean commandPath(Evidence e, String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return Topics.command(List.of(p.split("/", -1))).filter(c -> c.device().equals(e.device)).isPresent();
    }

    /** The dropped original of the session's drop stimulus, if a request was dropped. */
    static Optional<ReceivedRequest> droppedOriginal(Evidence e) {
        if (e.dropArmedAt == null) {
            return Optional.empty();
        }
        return e.transmissions.stream().filter(r -> r.dropped() && !r.time().isBefore(e.dropArmedAt)).findFirst();
    }

    /** The later transmissions of the same request (same address, Message ID and token), in order. */
    static List<ReceivedRequest> retransmissions(Evidence e, ReceivedRequest original) {
        int from = e.transmissions.indexOf(original);
        return e.transmissions.subList(from + 1, e.transmissions.size()).stream()
                .filter(r -> r.peer().equals(original.peer()) && r.messageId() == original.messageId()
                        && r.token().equals(original.token()))
                .toList();
    }

    // ---------------------------------------------------------------- purposes

    /** ENOS-BASE-01: an accepted SecureMode 2 handshake, then an accepted measure point. */
    static final class Baseline extends Judgement {
        Baseline() {
            super("ENOS-BASE-01");
        }

        @Override
        List<String> explainedBy() {
            return List.of("ENOS-DTLS-04", "ENOS-DTLS-03", "ENOS-LT-05", "ENOS-ID-01", "ENOS-KEY-01", "ENOS-ID-02",
                    "ENOS-KEY-02", "ENOS-ACT-01", "ENOS-ACT-02", "ENOS-ACT-03", "ENOS-UP-01");
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            Optional<HandshakeEntry> h = e.firstHandshake(null, x -> x.accepted() && e.mode(x, SecureMode.DEVICE_SECRET));
            if (h.isEmpty()) {
                return null;
            }
            return e.firstExchange(h.get().time(), x -> onMode(x, SecureMode.DEVICE_SECRET) && Evidence.acceptedUpload(x)
                    && x.path().equals(e.measurePointPath()))
                    .map(x -> Finding.pass("SecureMode 2 handshake accepted from " + address(h.get().peer()) + " ("
                            + at(h.get()) + "), then measure point upload accepted with reply code 200 (#" + x.sequence()
                            + ")"))
                    .orElse(null);
        }

        @Override
        String waitingFor(Context c) {
            return "get a SecureMode 2 handshake and a measure point upload accepted";
        }
    }

    /** ENOS-DTLS-04: the ClientHello says DTLS 1.2. */
    static final class DtlsVersion extends Judgement {
        DtlsVersion() {
            super("ENOS-DTLS-04");
        }

        @Override
        Finding judge(Context c) {
            for (HandshakeEntry h : c.evidence().handshakes) {
                if (h.clientVersion() != null && h.clientVersion() != 0xFEFD) {
                    return Finding.fail("a ClientHello of DTLS 1.2 (0xFEFD, RFC 6347)", "a ClientHello of "
                            + h.clientVersionName() + " from " + address(h.peer()) + " (" + at(h) + ")");
                }
                if (versionRefused(h)) {
                    return Finding.fail("a ClientHello of DTLS 1.2 (0xFEFD, RFC 6347)", "the handshake from "
                            + address(h.peer()) + " failed on the protocol version (" + at(h) + "): " + h.detail());
                }
                if (h.clientVersion() != null || h.accepted()) {
                    return Finding.pass("ClientHello of DTLS 1.2 from " + address(h.peer()) + " (" + at(h) + ")");
                }
            }
            return null;
        }

        @Override
        String waitingFor(Context c) {
            return "start a DTLS handshake";
        }
    }

    /** ENOS-DTLS-03: the ClientHello offers an EnOS suite and the handshake agrees on one. */
    static final class CipherSuites extends Judgement {
        CipherSuites() {
            super("ENOS-DTLS-03");
        }

        @Override
        List<String> explainedBy() {
            return List.of("ENOS-DTLS-04");
        }

        @Override
        Finding judge(Context c) {
            String expected = "a ClientHello offering " + EnosCipherSuite.CCM_8.ianaName() + " or "
                    + EnosCipherSuite.CBC_SHA256.ianaName() + " (EC-2)";
            for (HandshakeEntry h : c.evidence().handshakes) {
                boolean offersNone = !h.offeredCipherSuites().isEmpty()
                        && h.offeredCipherSuites().stream().noneMatch(EnosCipherSuite::isEnos);
                if (h.reason() == RefusalReason.NO_COMMON_CIPHER_SUITE || offersNone) {
                    return Finding.fail(expected, "offered " + h.offeredCipherSuites() + " from " + address(h.peer())
                            + " (" + at(h) + ")" + (h.accepted() ? "" : ", refused: " + h.detail()));
                }
                if (h.accepted() && EnosCipherSuite.isEnos(h.cipherSuite())) {
                    String offered = h.offeredCipherSuites().isEmpty() ? "(not seen)" : h.offeredInShort();
                    return Finding.pass("offered " + offered + ", agreed " + h.cipherSuite() + " (" + at(h) + ")");
                }
            }
            return null;
        }

        @Override
        String waitingFor(Context c) {
            return "complete a handshake";
        }
    }

    /** ENOS-ID-01 and ENOS-ID-02: the identity names the device in the SecureMode's form. */
    static final class Identity extends Judgement {
        private final SecureMode mode;

        Identity(String purpose, SecureMode mode) {
            super(purpose);
            this.mode = mode;
        }

        private boolean thisMode(HandshakeEntry h) {
            String f = modeField(h);
            return mode == SecureMode.PRODUCT_SECRET ? f.equals("3") : !f.equals("3");
        }

        @Override
        List<String> explainedBy() {
            return mode == SecureMode.DEVICE_SECRET ? List.of("ENOS-DTLS-04", "ENOS-DTLS-03", "ENOS-LT-05", "ENOS-ACT-03")
                    : List.of("ENOS-DTLS-04", "ENOS-DTLS-03", "ENOS-LT-05");
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            String expected = "identity " + PskIdentity.pattern(e.device, mode) + " (EC-3)";
            for (HandshakeEntry h : e.handshakes) {
                if (e.mode(h, mode)) {
                    return Finding.pass("identity '" + h.identityReceived() + "' names the device with " + mode
                            + " (" + at(h) + ")");
                }
                if (h.reason() == RefusalReason.BAD_IDENTITY && h.identityRule() != null && !lifetimeRule(h.identityRule())
                        && thisMode(h)) {
                    return Finding.fail(expected, "'" + h.identityReceived() + "' from " + address(h.peer()) + " ("
                            + at(h) + "): " + h.identityRule().text());
                }
                if (h.identity() != null && !e.named(h) && h.identity().secureMode() == mode
                        && h.identity().deviceKey().equals(e.device.deviceKey())) {
                    return Finding.fail(expected, "'" + h.identityReceived() + "' names product '"
                            + h.identity().productKey() + "', not the device's product '" + e.device.productKey() + "' ("
                            + at(h) + ", " + h.reason() + ")");
                }
            }
            return null;
        }

        @Override
        String waitingFor(Context c) {
            return "make a " + mode + " handshake naming it";
        }
    }

    /** ENOS-KEY-01 and ENOS-KEY-02: the handshake's Finished verifies. */
    static final class Key extends Judgement {
        private final SecureMode mode;

        Key(String purpose, SecureMode mode) {
            super(purpose);
            this.mode = mode;
        }

        @Override
        List<String> explainedBy() {
            return mode == SecureMode.DEVICE_SECRET ? List.of("ENOS-ACT-02", "ENOS-ACT-03") : List.of();
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            Instant activated = e.activatedAt();
            String secret = mode == SecureMode.DEVICE_SECRET ? "device secret" : "product secret";
            for (HandshakeEntry h : e.handshakes) {
                if (!e.mode(h, mode)) {
                    continue;
                }
                if (h.accepted()) {
                    return Finding.pass("the Finished of the handshake as '" + h.identityReceived()
                            + "' verified with the key from the " + secret + " (" + at(h) + ")");
                }
                if (h.reason() == RefusalReason.KEY_MISMATCH) {
                    if (mode == SecureMode.DEVICE_SECRET && activated != null && !h.time().isBefore(activated)) {
                        continue; // the secret from activation: ENOS-ACT-02 judges where it came from
                    }
                    return Finding.fail("the PSK key bytes [8,24) of SHA-256(" + secret + ") (EC-6)", "key mismatch as '"
                            + h.identityReceived() + "' (" + at(h) + "): " + h.detail());
                }
            }
            return null;
        }

        @Override
        String waitingFor(Context c) {
            return "complete a " + mode + " handshake";
        }
    }

    /** ENOS-LT-05: the identity's Lifetime is 30..86400, in decimal. */
    static final class LifetimeRange extends Judgement {
        LifetimeRange() {
            super("ENOS-LT-05");
        }

        @Override
        List<String> explainedBy() {
            return List.of("ENOS-DTLS-04", "ENOS-DTLS-03");
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            for (HandshakeEntry h : e.handshakes) {
                if (h.identityRule() != null && lifetimeRule(h.identityRule())) {
                    return Finding.fail("a Lifetime of 30 to 86400 seconds in decimal digits (EC-7)", "identity '"
                            + h.identityReceived() + "' (" + at(h) + "): " + h.identityRule().text());
                }
                if (e.named(h)) {
                    return Finding.pass("Lifetime " + h.identity().lifetimeSeconds() + " s in identity '"
                            + h.identityReceived() + "' (" + at(h) + ")");
                }
            }
            return null;
        }

        @Override
        String waitingFor(Context c) {
            return "make a handshake naming it";
        }
    }

    /** ENOS-LT-06: a message exchange at least every Lifetime. */
    static final class KeepsLifetime extends Judgement {
        KeepsLifetime() {
            super("ENOS-LT-06");
        }

        private static Integer lifetime(Evidence e) {
            Integer l = null;
            for (HandshakeEntry h : e.handshakes) {
                if (h.accepted() && e.named(h)) {
                    l = h.identity().lifetimeSeconds();
                }
            }
            return l;
        }

        /** Intervals in which the session's stimuli kept the device from exchanging messages. */
        private static List<Instant[]> disruptions(Evidence e, Instant now) {
            List<Instant[]> d = new ArrayList<>();
            for (Instant start : new Instant[] {e.dropArmedAt, e.loseSessionArmedAt}) {
                if (start != null) {
                    Instant end = e.exchanges.stream().filter(x -> x.time().isAfter(start) && x.succeeded())
                            .map(ExchangeEntry::time).findFirst().orElse(now);
                    d.add(new Instant[] {start, end});
                }
            }
            return d;
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            Optional<HandshakeEntry> first = e.firstHandshake(null, h -> h.accepted() && e.named(h));
            Integer lifetime = lifetime(e);
            if (first.isEmpty() || lifetime == null) {
                return null;
            }
            Duration l = Duration.ofSeconds(lifetime);
            List<Instant[]> excused = disruptions(e, c.now());
            for (StateChange s : e.states) {
                if (s.kind() != StateChange.Kind.OFFLINE || s.time().isBefore(first.get().time())) {
                    continue;
                }
                Instant quietFrom = s.time().minus(l);
                boolean stimulus = excused.stream().anyMatch(w -> !s.time().isBefore(w[0]) && !quietFrom.isAfter(w[1]));
                if (!stimulus) {
                    return Finding.fail("a message exchange at least every " + lifetime + " s, the Lifetime in its "
                            + "identity (EC-7)", "no message exchange for " + lifetime + " s: the server marked the device "
                            + "offline (#" + s.sequence() + ", " + s.detail() + ")");
                }
            }
            Duration watched = Duration.between(first.get().time(), c.now());
            Instant last = lastExchange(e);
            Duration longest = longestGap(e, excused);
            if (longest.compareTo(l) >= 0) {
                return Finding.fail("a message exchange at least every " + lifetime + " s, the Lifetime in its "
                        + "identity (EC-7)", "no message exchange for " + Evidence.seconds(longest) + ", longer than "
                        + "its Lifetime");
            }
            // A pass needs an exchange a whole Lifetime after the first, every gap up to it shorter than the Lifetime.
            if (!last.isBefore(first.get().time().plus(l))) {
                return Finding.pass("online for " + Evidence.seconds(watched) + " since its first handshake with a "
                        + "Lifetime of " + lifetime + " s; longest quiet time " + Evidence.seconds(longest)
                        + (excused.isEmpty() ? "" : " (the session's own drops and forgotten session not counted)"));
            }
            return null;
        }

        private static Instant lastExchange(Evidence e) {
            Instant last = Instant.EPOCH;
            for (HandshakeEntry h : e.handshakes) {
                if (h.accepted() && h.time().isAfter(last)) {
                    last = h.time();
                }
            }
            for (ExchangeEntry x : e.exchanges) {
                if (x.time().isAfter(last)) {
                    last = x.time();
                }
            }
            return last;
        }

        /** The longest time between two message exchanges that no stimulus of the session explains. */
        private static Duration longestGap(Evidence e, List<Instant[]> excused) {
            List<Instant> times = new ArrayList<>();
            e.handshakes.stream().filter(HandshakeEntry::accepted).map(HandshakeEntry::time).forEach(times::add);
            e.exchanges.stream().map(ExchangeEntry::time).forEach(times::add);
            Collections.sort(times);
            Duration longest = Duration.ZERO;
            for (int i = 1; i < times.size(); i++) {
                Instant a = times.get(i - 1);
                Instant b = times.get(i);
                boolean stimulus = excused.stream().anyMatch(w -> !b.isBefore(w[0]) && !a.isAfter(w[1]));
                Duration g = Duration.between(a, b);
                if (!stimulus && g.compareTo(longest) > 0) {
                    longest = g;
                }
            }
            return longest;
        }

        @Override
        String waitingFor(Context c) {
            return "stay online for a whole Lifetime";
        }

        @Override
        Finding settle(Context c, String when) {
            Evidence e = c.evidence();
            Integer lifetime = lifetime(e);
            Optional<HandshakeEntry> first = e.firstHandshake(null, h -> h.accepted() && e.named(h));
            if (lifetime == null || first.isEmpty()) {
                return super.settle(c, when);
            }
            return Finding.inconclusive("the device's Lifetime is " + lifetime + " s and the session saw it for "
                    + Evidence.seconds(Duration.between(first.get().time(), c.now())) + " only, ending " + when
                    + "; it stayed online so far");
        }
    }

    /** ENOS-ACT-01: GET of its own activation path on its SecureMode 3 session. */
    static final class ActivationRequest extends Judgement {
        ActivationRequest() {
            super("ENOS-ACT-01");
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            String path = Topics.activationPath(e.device);
            for (ExchangeEntry x : e.exchanges) {
                if (!onMode(x, SecureMode.PRODUCT_SECRET)) {
                    continue;
                }
                if (x.path().equals(path) && x.method().equals("GET") && x.succeeded()) {
                    return Finding.pass("GET " + path + " on its SecureMode 3 session answered " + x.responseCode()
                            + " (#" + x.sequence() + ")");
                }
                if (activationLike(x.path())) {
                    return Finding.fail("GET " + path + " on its SecureMode 3 session, answered 2.05 (EC-8)", words(x));
                }
            }
            return null;
        }

        @Override
        String waitingFor(Context c) {
            return "send GET " + Topics.activationPath(c.evidence().device) + " on a SecureMode 3 session";
        }
    }

    /** ENOS-ACT-02: the SecureMode 2 key after activation comes from params.deviceSecret. */
    static final class ActivationSecret extends Judgement {
        ActivationSecret() {
            super("ENOS-ACT-02");
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            Instant activated = e.activatedAt();
            if (activated == null) {
                return null;
            }
            for (HandshakeEntry h : e.handshakes) {
                if (h.time().isBefore(activated) || !e.mode(h, SecureMode.DEVICE_SECRET)) {
                    continue;
                }
                if (h.accepted()) {
                    return Finding.pass("the SecureMode 2 handshake " + after(activated, h.time())
                            + " activation verified with the key of params.deviceSecret (" + at(h) + ")");
                }
                if (h.reason() == RefusalReason.KEY_MISMATCH) {
                    return Finding.fail("a SecureMode 2 key from params.deviceSecret of the activation answer (EC-9)",
                            "key mismatch " + after(activated, h.time()) + " activation (" + at(h) + "): the device "
                                    + "derived its key from another value than the secret the server returned");
                }
            }
            return null;
        }

        @Override
        String waitingFor(Context c) {
            return "make a SecureMode 2 handshake after its activation";
        }
    }

    /** ENOS-ACT-03: a new SecureMode 2 handshake after activation (not another SecureMode 3 one). */
    static final class Reconnect extends Judgement {
        Reconnect() {
            super("ENOS-ACT-03");
        }

        @Override
        List<String> explainedBy() {
            return List.of("ENOS-ACT-02");
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            Instant activated = e.activatedAt();
            if (activated == null) {
                return null;
            }
            for (HandshakeEntry h : e.handshakes) {
                if (h.time().isBefore(activated) || !e.named(h)) {
                    continue;
                }
                if (h.identity().secureMode() == SecureMode.DEVICE_SECRET && h.accepted()) {
                    return Finding.pass("new SecureMode 2 handshake " + after(activated, h.time()) + " activation ("
                            + at(h) + ")");
                }
                if (h.identity().secureMode() == SecureMode.PRODUCT_SECRET) {
                    return Finding.fail("a new SecureMode 2 handshake with the returned secret after activation (EC-10)",
                            "another SecureMode 3 handshake " + after(activated, h.time()) + " activation (" + at(h)
                                    + ") instead");
                }
            }
            return null;
        }

        @Override
        String waitingFor(Context c) {
            return "make a SecureMode 2 handshake after its activation";
        }
    }

    /** ENOS-ACT-06: nothing but activation on a SecureMode 3 session. */
    static final class SecureMode3Only extends Judgement {
        SecureMode3Only() {
            super("ENOS-ACT-06");
        }

        @Override
        boolean wholeSession() {
            return true;
        }

        @Override
        Finding judge(Context c) {
            int n = 0;
            for (ExchangeEntry x : c.evidence().exchanges) {
                if (!onMode(x, SecureMode.PRODUCT_SECRET)) {
                    continue;
                }
                if (!activationLike(x.path())) {
                    return Finding.fail("only the activation request on the SecureMode 3 session (EC-5, EC-10)",
                            words(x) + " on the SecureMode 3 session");
                }
                n++;
            }
            return n == 0 ? null : Finding.pass(plural(n, "request") + " on its SecureMode 3 session, all activation");
        }

        @Override
        String waitingFor(Context c) {
            return "send a request on a SecureMode 3 session";
        }
    }

    /** ENOS-ID-03: a device key that is an IMEI goes out unchanged. */
    static final class Imei extends Judgement {
        Imei() {
            super("ENOS-ID-03");
        }

        static boolean isImei(String key) {
            return key.matches("\\d{15}");
        }

        /** Whether {@code key} is the IMEI {@code imei} changed: as a number, without leading zeros, cut. */
        static boolean variant(String key, String imei) {
            if (key.equals(imei)) {
                return false;
            }
            String digits = key.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
            String bare = imei.replaceFirst("^0+", "");
            if (digits.equals(bare) || digits.length() >= 10 && bare.startsWith(digits)) {
                return true;
            }
            try {
                return new java.math.BigDecimal(key).toBigIntegerExact().toString().equals(bare);
            } catch (NumberFormatException | ArithmeticException e) {
                return false;
            }
        }

        @Override
        Finding notApplicable(Context c) {
            String dk = c.evidence().device.deviceKey();
            return isImei(dk) ? null : Finding.notApplicable("the device key '" + dk + "' is not an IMEI (15 digits)");
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            for (HandshakeEntry h : e.handshakes) {
                if (e.mode(h, SecureMode.PRODUCT_SECRET)) {
                    return Finding.pass("identity '" + h.identityReceived() + "' carried the IMEI "
                            + e.device.deviceKey() + " as written (" + at(h) + ")");
                }
                if (h.identity() != null && h.identity().productKey().equals(e.device.productKey())
                        && variant(h.identity().deviceKey(), e.device.deviceKey())) {
                    return Finding.fail("the IMEI " + e.device.deviceKey() + " unchanged in the identity (EC-3)",
                            "identity '" + h.identityReceived() + "' (" + at(h) + ", " + h.reason() + ")");
                }
            }
            return null;
        }

        @Override
        String waitingFor(Context c) {
            return "make a SecureMode 3 handshake naming it";
        }
    }

    /** ENOS-COAP-01: every request confirmable. */
    static final class Confirmable extends Judgement {
        Confirmable() {
            super("ENOS-COAP-01");
        }

        @Override
        boolean wholeSession() {
            return true;
        }

        @Override
        Finding judge(Context c) {
            List<ReceivedRequest> all = c.evidence().transmissions;
            for (ReceivedRequest r : all) {
                if (!r.confirmable()) {
                    return Finding.fail("every request CON (EC-1)", words(r));
                }
            }
            return all.isEmpty() ? null : Finding.pass("all " + plural(all.size(), "request transmission") + " CON");
        }

        @Override
        String waitingFor(Context c) {
            return "send a request";
        }
    }

    /** ENOS-UP-01: the measure point upload is accepted. */
    static final class MeasurePointFraming extends Judgement {
        MeasurePointFraming() {
            super("ENOS-UP-01");
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            String path = e.measurePointPath();
            String expected = "POST " + path + " with {\"id\",\"version\":\"1.0\",\"method\":\""
                    + UplinkKind.MEASUREPOINT_POST.method(null) + "\",\"params\":{\"measurepoints\":{…}}} accepted, reply code "
                    + ReplyCode.OK.code() + " (EC-11)";
            for (ExchangeEntry x : e.exchanges) {
                if (!onMode(x, SecureMode.DEVICE_SECRET) || !x.method().equals("POST") || x.scripted()) {
                    continue;
                }
                if (x.path().equals(path)) {
                    return Evidence.acceptedUpload(x) ? Finding.pass("POST " + path + " accepted, reply code 200 (#"
                            + x.sequence() + ")") : Finding.fail(expected, words(x));
                }
                if (e.uplinkKind(x).isEmpty() && !commandPath(e, x.path())
                        && (ResponseCode.NOT_FOUND.is(x.responseCode()) || ResponseCode.FORBIDDEN.is(x.responseCode()))) {
                    return Finding.fail(expected, words(x));
                }
            }
            return null;
        }

        @Override
        String waitingFor(Context c) {
            return "post a measure point upload";
        }
    }

    /** ENOS-COAP-02: a new Message ID and token per request, per source address, for the whole session. */
    static final class NewMessageIdAndToken extends Judgement {
        NewMessageIdAndToken() {
            super("ENOS-COAP-02");
        }

        @Override
        boolean wholeSession() {
            return true;
        }

        @Override
        Finding judge(Context c) {
            Map<InetSocketAddress, Map<String, ReceivedRequest>> tokens = new HashMap<>();
            Map<InetSocketAddress, Map<Integer, ReceivedRequest>> mids = new HashMap<>();
            int requests = 0;
            String expected = "a new Message ID and a new token for every request from one address, a retransmission "
                    + "repeating both (EC-1)";
            for (ReceivedRequest r : c.evidence().transmissions) {
                Map<String, ReceivedRequest> byToken = tokens.computeIfAbsent(r.peer(), k -> new HashMap<>());
                Map<Integer, ReceivedRequest> byMid = mids.computeIfAbsent(r.peer(), k -> new HashMap<>());
                ReceivedRequest sameToken = byToken.get(r.token());
                if (sameToken != null) {
                    boolean retransmission = sameToken.messageId() == r.messageId()
                            && sameToken.payloadHash() == r.payloadHash() && sameToken.path().equals(r.path())
                            && sameToken.method().equals(r.method());
                    if (!retransmission) {
                        return Finding.fail(expected, "token " + (r.token().isEmpty() ? "(empty)" : r.token())
                                + " of " + words(sameToken) + " used again " + after(sameToken.time(), r.time())
                                + " by " + words(r));
                    }
                    if (Duration.between(sameToken.time(), r.time()).compareTo(MAX_TRANSMIT_WAIT) > 0) {
                        return Finding.fail(expected, "Message ID " + r.messageId() + " and token " + r.token()
                                + " of the same request again " + after(sameToken.time(), r.time())
                                + " the first, longer than a request can be retransmitted (MAX_TRANSMIT_WAIT 93 s)");
                    }
                    continue;
                }
                ReceivedRequest sameMid = byMid.get(r.messageId());
                if (sameMid != null && Duration.between(sameMid.time(), r.time()).compareTo(EXCHANGE_LIFETIME) < 0) {
                    return Finding.fail(expected, "Message ID " + r.messageId() + " of " + words(sameMid) + " used again "
                            + after(sameMid.time(), r.time()) + " by a new request (token " + r.token()
                            + "), within EXCHANGE_LIFETIME (247 s)");
                }
                byToken.put(r.token(), r);
                byMid.put(r.messageId(), r);
                requests++;
            }
            if (requests < 2) {
                return null;
            }
            long perAddress = tokens.values().stream().mapToInt(Map::size).max().orElse(0);
            return Finding.pass(plural(requests, "request") + " from " + plural(tokens.size(), "address")
                    + ", each with a new Message ID and token"
                    + (perAddress < 2 ? "; judged on one request per address only: the device opens a new DTLS session "
                            + "(a new port) for each request" : ""));
        }

        @Override
        String waitingFor(Context c) {
            return "send two requests";
        }
    }

    /** ENOS-COAP-03: payloads under 1 KB. */
    static final class SmallPayloads extends Judgement {
        SmallPayloads() {
            super("ENOS-COAP-03");
        }

        @Override
        boolean wholeSession() {
            return true;
        }

        @Override
        Finding judge(Context c) {
            List<ExchangeEntry> all = c.evidence().exchanges;
            for (ExchangeEntry x : all) {
                if (x.payloadSize() >= 1024) {
                    return Finding.fail("every request payload under 1024 bytes (EC-1)", x.payloadSize() + " bytes in "
                            + x.method() + " " + x.path() + " (#" + x.sequence() + ")");
                }
            }
            return all.isEmpty() ? null : Finding.pass("largest payload " + all.stream()
                    .mapToInt(ExchangeEntry::payloadSize).max().orElse(0) + " bytes, of " + plural(all.size(), "request"));
        }

        @Override
        String waitingFor(Context c) {
            return "send a request";
        }
    }

    /** ENOS-UP-03: params.time in epoch milliseconds. */
    static final class Milliseconds extends Judgement {
        Milliseconds() {
            super("ENOS-UP-03");
        }

        @Override
        boolean wholeSession() {
            return true;
        }

        private static boolean plausible(Instant t, Instant now) {
            return t.isAfter(Instant.parse("2000-01-01T00:00:00Z")) && t.isBefore(now.plus(Duration.ofDays(1)));
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            if (e.exchanges.stream().noneMatch(Evidence::acceptedUpload)) {
                return null;
            }
            List<UplinkRecord> history = c.server().deviceData(e.device).history();
            int timed = 0;
            for (UplinkRecord u : history) {
                if (u.body() == null || u.receivedAt().isBefore(e.started)) {
                    continue;
                }
                JsonNode params = u.body().get("params");
                List<JsonNode> times = new ArrayList<>();
                if (params != null && params.isArray()) {
                    params.forEach(p -> times.add(p.get("time")));
                } else if (params != null) {
                    times.add(params.get("time"));
                }
                for (JsonNode time : times) {
                    if (time == null || time.isNull()) {
                        continue;
                    }
                    timed++;
                    Instant t = Instant.ofEpochMilli(time.asLong());
                    if (!time.isIntegralNumber() || !plausible(t, c.now())) {
                        boolean seconds = time.isIntegralNumber() && plausible(Instant.ofEpochSecond(time.longValue()),
                                c.now());
                        return Finding.fail("params.time in epoch milliseconds (after 2000-01-01, at most a day ahead) "
                                + "(EC-11)", "params.time " + time + " in the upload to " + u.topic() + " at "
                                + u.receivedAt() + ", which as milliseconds means " + t
                                + (seconds ? " (it looks like seconds: " + Instant.ofEpochSecond(time.longValue()) + ")" : ""));
                    }
                }
            }
            return Finding.pass(timed == 0 ? "no accepted upload carried params.time (it is optional)"
                    : "params.time in " + plural(timed, "accepted upload") + ", all epoch milliseconds");
        }

        @Override
        String waitingFor(Context c) {
            return "get an upload accepted";
        }
    }

    /** ENOS-UP-04 to ENOS-UP-07: an optional upload, judged when the device is seen making it. */
    static final class OptionalUpload extends Judgement {
        private final Capability capability;
        private final String what;
        private final Set<UplinkKind> kinds;

        OptionalUpload(String purpose, Capability capability, String what, Set<UplinkKind> kinds) {
            super(purpose);
            this.capability = capability;
            this.what = what;
            this.kinds = kinds;
        }

        @Override
        boolean settlesAtEnd() {
            return true;
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            for (ExchangeEntry x : e.exchanges) {
                Optional<UplinkKind> kind = e.uplinkKind(x);
                if (kind.isEmpty() || !kinds.contains(kind.get()) || !x.method().equals("POST") || x.scripted()) {
                    continue;
                }
                return Evidence.acceptedUpload(x)
                        ? Finding.pass("POST " + x.path() + " accepted, reply code 200 (#" + x.sequence() + ")")
                        : Finding.fail(what + " accepted: POST to its topic, reply code 200 (EC-11)", words(x));
            }
            return null;
        }

        @Override
        String waitingFor(Context c) {
            return "post " + what;
        }

        @Override
        Finding settle(Context c, String when) {
            if (!c.declared(capability)) {
                return Finding.notApplicable("the device did not post " + what + " " + when + " and " + capability
                        + " was not declared");
            }
            return super.settle(c, when);
        }
    }

    /** ENOS-DOWN-01 and ENOS-DOWN-02: commands announced by option 2100 are fetched and answered. */
    static final class CommandAnswered extends Judgement {
        private final boolean every;

        CommandAnswered(String purpose, boolean every) {
            super(purpose);
            this.every = every;
        }

        @Override
        String stimulusProblem(Stimulus s) {
            if (!(s instanceof Stimulus.Commands cmd)) {
                return purpose + " judges how the device answers queued commands, so its stage needs the stimulus "
                        + "{\"type\": \"commands\"}; this stage's is " + s.type();
            }
            if (every && cmd.count() < 2) {
                return purpose + " judges that every waiting command is answered, so its stage queues at least 2 "
                        + "(count), not " + cmd.count();
            }
            return null;
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            if (e.commands.isEmpty()) {
                return null;
            }
            List<CommandHandle> judged = every ? e.commands : e.commands.subList(0, 1);
            if (judged.stream().allMatch(h -> h.status() == CommandHandle.Status.REPLIED)) {
                return Finding.pass(judged.size() == 1 ? story(e, judged.get(0)) : judged.stream()
                        .map(h -> "command " + h.id() + ": " + story(e, h)).collect(Collectors.joining("; ")));
            }
            for (int k = 0; k < judged.size(); k++) {
                CommandHandle h = judged.get(k);
                if (h.status() == CommandHandle.Status.REPLIED) {
                    continue;
                }
                // The k-th command waits its turn: it is announced once the one before it was answered.
                Instant since = k == 0 ? e.commandsQueuedAt : repliedAt(judged.get(k - 1));
                if (since == null) {
                    return null;
                }
                String expected = "GET " + h.path() + " after option 2100 announced it, then POST " + h.replyPath()
                        + " with id " + h.id() + " (EC-12)";
                List<ExchangeEntry> announced = e.exchanges.stream().filter(x -> x.time().isAfter(since)
                        && h.path().equals(x.commandTopic())).toList();
                Optional<ExchangeEntry> fetched = e.firstExchange(since, x -> x.method().equals("GET")
                        && x.path().equals(h.path()) && x.succeeded());
                Optional<ExchangeEntry> wrong = e.firstExchange(since, x -> !x.succeeded()
                        && commandPath(e, x.path()) && !x.scripted());
                if (wrong.isPresent()) {
                    return Finding.fail(expected, words(wrong.get()));
                }
                if (fetched.isEmpty() && announced.size() >= 3) {
                    return Finding.fail(expected, "option 2100 = " + h.path() + " on " + announced.size() + " responses ("
                            + announced.stream().limit(3).map(x -> "#" + x.sequence()).collect(Collectors.joining(", "))
                            + (announced.size() > 3 ? ", …" : "") + (k == 0 ? "" : " after command " + judged.get(k - 1).id()
                            + " was answered") + "), no GET of it for command " + h.id());
                }
                if (fetched.isPresent() && h.status() == CommandHandle.Status.DELIVERED) {
                    long later = e.exchanges.stream().filter(x -> x.time().isAfter(fetched.get().time())).count();
                    if (later >= 3) {
                        return Finding.fail(expected, "command " + h.id() + " fetched (#" + fetched.get().sequence()
                                + ") but not answered: " + plural(later, "request") + " since, none a reply on "
                                + h.replyPath());
                    }
                }
            }
            return null;
        }

        private static Instant repliedAt(CommandHandle h) {
            dev.enoscoap.mock.command.CommandReply r = h.reply().getNow(null);
            return r == null ? null : r.receivedAt();
        }

        /** The k-th announcement, fetch and reply after the commands were queued, for the k-th command. */
        private static String story(Evidence e, CommandHandle h) {
            int k = e.commands.indexOf(h);
            List<ExchangeEntry> after = e.exchanges.stream().filter(x -> !x.time().isBefore(e.commandsQueuedAt)).toList();
            String announced = nth(after.stream().filter(x -> h.path().equals(x.commandTopic())).toList(), k);
            String fetched = nth(after.stream().filter(x -> x.method().equals("GET") && x.path().equals(h.path())
                    && x.succeeded()).toList(), k);
            String replied = nth(after.stream().filter(x -> x.method().equals("POST")
                    && x.path().equals(h.replyPath()) && x.succeeded()).toList(), k);
            return "announced with option 2100 (" + announced + "), fetched (" + fetched + "), answered on "
                    + h.replyPath() + " (" + replied + ")";
        }

        private static String nth(List<ExchangeEntry> list, int k) {
            return k >= 0 && k < list.size() ? "#" + list.get(k).sequence() : "?";
        }

        @Override
        String waitingFor(Context c) {
            return every ? "fetch and answer every queued command" : "fetch and answer the command option 2100 announced";
        }
    }

    /** ENOS-ROB-01: a dropped confirmable request is retransmitted with its Message ID and token. */
    static final class Retransmitted extends Judgement {
        /** How long to wait for the first retransmission: two of them, at the latest ACK_TIMEOUT times 3 (9 s). */
        static final Duration WAIT = Duration.ofSeconds(10);

        Retransmitted() {
            super("ENOS-ROB-01");
        }

        @Override
        String stimulusProblem(Stimulus s) {
            return s instanceof Stimulus.DropRequest ? null : purpose + " judges how the device retransmits a dropped "
                    + "request, so its stage needs the stimulus {\"type\": \"drop-request\"}; this stage's is " + s.type();
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            Optional<ReceivedRequest> original = droppedOriginal(e);
            if (original.isEmpty()) {
                return null;
            }
            ReceivedRequest o = original.get();
            List<ReceivedRequest> again = retransmissions(e, o);
            if (!again.isEmpty()) {
                return Finding.pass("Message ID " + o.messageId() + " and token " + o.token() + " of " + o.method() + " "
                        + o.path() + " again " + Evidence.precise(Duration.between(o.time(), again.get(0).time()))
                        + " after the dropped original");
            }
            String expected = "a retransmission of the dropped request with the same Message ID and token, 2 to 3 s "
                    + "after it (EC-1, RFC 7252 §4.2)";
            Optional<ReceivedRequest> changed = e.transmissions.stream().filter(r -> r.time().isAfter(o.time())
                    && r.peer().equals(o.peer()) && r.payloadHash() == o.payloadHash() && r.path().equals(o.path())
                    && (r.messageId() == o.messageId()) != r.token().equals(o.token())).findFirst();
            if (changed.isPresent()) {
                return Finding.fail(expected, "the dropped " + words(o) + " was sent again as " + words(changed.get()));
            }
            if (Duration.between(o.time(), c.now()).compareTo(WAIT) > 0) {
                long others = e.transmissions.stream().filter(r -> r.time().isAfter(o.time())).count();
                return Finding.fail(expected, "no retransmission of " + words(o) + " within " + WAIT.toSeconds() + " s"
                        + (others == 0 ? "" : "; the device sent " + plural(others, "other request") + " meanwhile"));
            }
            return null;
        }

        @Override
        String waitingFor(Context c) {
            return c.evidence().dropArmedAt != null && droppedOriginal(c.evidence()).isEmpty()
                    ? "send a confirmable request to drop" : "retransmit the dropped request";
        }
    }

    /** ENOS-ROB-04: first retransmission after 2 to 3 s, the next after twice that. */
    static final class RetransmissionTiming extends Judgement {
        RetransmissionTiming() {
            super("ENOS-ROB-04");
        }

        @Override
        String stimulusProblem(Stimulus s) {
            if (!(s instanceof Stimulus.DropRequest d)) {
                return purpose + " judges retransmission timing, so its stage needs the stimulus {\"type\": "
                        + "\"drop-request\"}; this stage's is " + s.type();
            }
            return d.transmissions() < 2 ? purpose + " judges the doubled timeout, which shows only when the original "
                    + "and the first retransmission are dropped: transmissions at least 2, not " + d.transmissions() : null;
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            Optional<ReceivedRequest> original = droppedOriginal(e);
            if (original.isEmpty()) {
                return null;
            }
            ReceivedRequest o = original.get();
            List<ReceivedRequest> again = retransmissions(e, o);
            if (again.isEmpty()) {
                return null;
            }
            Duration g1 = Duration.between(o.time(), again.get(0).time());
            Duration low = ACK_TIMEOUT.minus(EARLY);
            Duration high = ACK_TIMEOUT_MAX.plus(LATE);
            String expected1 = "the first retransmission 2 to 3 s after the original (ACK_TIMEOUT 2 s, ACK_RANDOM_FACTOR "
                    + "1.5, RFC 7252 §4.2; seen " + Evidence.precise(low) + " to " + Evidence.precise(high)
                    + " allowed for scheduling)";
            if (g1.compareTo(low) < 0 || g1.compareTo(high) > 0) {
                return Finding.fail(expected1, "the first retransmission of " + words(o) + " came "
                        + Evidence.precise(g1) + " after the original");
            }
            String expected2 = "the second retransmission twice the first timeout after the first (RFC 7252 §4.2; ± "
                    + JITTER.multipliedBy(3).toMillis() + " ms allowed for scheduling)";
            if (again.size() < 2) {
                Duration waited = Duration.between(again.get(0).time(), c.now());
                if (waited.compareTo(ACK_TIMEOUT_MAX.multipliedBy(2).plus(JITTER.multipliedBy(3)).plusSeconds(1)) > 0) {
                    return Finding.fail(expected2, "no second retransmission within " + Evidence.seconds(waited)
                            + " of the first (which came " + Evidence.precise(g1) + " after the original)");
                }
                return null;
            }
            Duration g2 = Duration.between(again.get(0).time(), again.get(1).time());
            Duration off = g2.minus(g1.multipliedBy(2));
            if (off.abs().compareTo(JITTER.multipliedBy(3)) > 0) {
                return Finding.fail(expected2, "the first retransmission came " + Evidence.precise(g1)
                        + " after the original, the second " + Evidence.precise(g2) + " after the first, not about "
                        + Evidence.precise(g1.multipliedBy(2)));
            }
            return Finding.pass("first retransmission " + Evidence.precise(g1) + " after the original, second "
                    + Evidence.precise(g2) + " after the first (twice " + Evidence.precise(g1) + ")");
        }

        @Override
        String waitingFor(Context c) {
            return c.evidence().dropArmedAt != null && droppedOriginal(c.evidence()).isEmpty()
                    ? "send a confirmable request to drop" : "retransmit the dropped request twice";
        }
    }

    /** ENOS-ROB-02: after a refused handshake, the next one no sooner than 1 s, at most 5 in 10 s. */
    static final class RefusedHandshakeRetried extends Judgement {
        RefusedHandshakeRetried() {
            super("ENOS-ROB-02");
        }

        @Override
        String stimulusProblem(Stimulus s) {
            return s instanceof Stimulus.LoseSession l && l.refuseHandshakes() > 0 ? null : purpose + " judges how the "
                    + "device retries a refused handshake, so its stage needs {\"type\": \"lose-session\", "
                    + "\"refuseHandshakes\": 1}";
        }

        private static Optional<HandshakeEntry> refused(Evidence e) {
            return e.loseSessionArmedAt == null ? Optional.empty() : e.firstHandshake(e.loseSessionArmedAt,
                    h -> h.reason() == RefusalReason.FAULT_INJECTED && e.named(h));
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            Optional<HandshakeEntry> r = refused(e);
            if (r.isEmpty()) {
                return null;
            }
            Instant t = r.get().time();
            List<HandshakeEntry> later = e.handshakes.stream().filter(h -> h.time().isAfter(t)
                    || h.time().equals(t) && h.sequence() > r.get().sequence()).toList();
            if (later.isEmpty()) {
                return null;
            }
            String expected = "the next handshake at least 1 s after the refused one, and at most 5 attempts in 10 s";
            Duration gap = Duration.between(t, later.get(0).time());
            if (gap.compareTo(Duration.ofSeconds(1)) < 0) {
                return Finding.fail(expected, "the next handshake " + Evidence.precise(gap) + " after the refused one ("
                        + at(r.get()) + ", then " + at(later.get(0)) + ")");
            }
            long inTen = 1 + later.stream().filter(h -> Duration.between(t, h.time()).compareTo(Duration.ofSeconds(10)) < 0)
                    .count();
            if (inTen > 5) {
                return Finding.fail(expected, inTen + " attempts in the 10 s after the refused one (" + at(r.get()) + ")");
            }
            Optional<HandshakeEntry> ok = later.stream().filter(HandshakeEntry::accepted).findFirst();
            if (ok.isPresent()) {
                return Finding.pass("retried " + Evidence.seconds(gap) + " after the refused handshake (" + at(r.get())
                        + "), accepted " + after(t, ok.get().time()) + " it (" + at(ok.get()) + "); "
                        + plural(inTen, "handshake") + " in the 10 s from the refusal on (at most 5)");
            }
            return null;
        }

        @Override
        String waitingFor(Context c) {
            return refused(c.evidence()).isEmpty() ? "make a handshake to refuse"
                    : "retry its handshake after the refused one and get it accepted";
        }
    }

    /** ENOS-ROB-03: a new handshake after the session is forgotten, not sending into it forever. */
    static final class ForgottenSession extends Judgement {
        ForgottenSession() {
            super("ENOS-ROB-03");
        }

        @Override
        String stimulusProblem(Stimulus s) {
            return s instanceof Stimulus.LoseSession l && l.forgetSession() ? null : purpose + " judges what the device "
                    + "does when the server forgets its session, so its stage needs {\"type\": \"lose-session\", "
                    + "\"forgetSession\": true}";
        }

        private static List<ReceivedRecord> intoDeadSession(Evidence e) {
            List<ReceivedRecord> dead = new ArrayList<>();
            for (ReceivedRecord r : e.records) {
                if (r.time().isBefore(e.forgottenAt)) {
                    continue;
                }
                if (r.applicationData() && e.forgottenAddresses.contains(r.peer())) {
                    dead.add(r);
                }
            }
            return dead;
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            Instant f = e.forgottenAt;
            if (f == null) {
                return null;
            }
            Optional<HandshakeEntry> ok = e.firstHandshake(f, h -> h.accepted() && e.named(h));
            if (ok.isPresent()) {
                Optional<ExchangeEntry> x = e.firstExchange(ok.get().time(), ExchangeEntry::succeeded);
                return x.map(ex -> Finding.pass("new handshake accepted " + after(f, ok.get().time()) + " the session "
                        + "was forgotten (" + at(ok.get()) + "), request answered on it (#" + ex.sequence() + ")"))
                        .orElse(null);
            }
            boolean attempted = e.firstHandshake(f, h -> true).isPresent();
            List<ReceivedRecord> dead = intoDeadSession(e);
            if (!attempted && !dead.isEmpty() && Duration.between(f, dead.get(dead.size() - 1).time())
                    .compareTo(DEAD_SESSION_LIMIT) > 0) {
                return Finding.fail("a new handshake once requests on the session go unanswered, at the latest after "
                        + "MAX_TRANSMIT_WAIT (93 s, RFC 7252)", plural(dead.size(), "record") + " into the forgotten "
                        + "session from " + address(dead.get(0).peer()) + " over " + Evidence.seconds(Duration.between(f,
                        dead.get(dead.size() - 1).time())) + ", no new handshake");
            }
            return null;
        }

        @Override
        String waitingFor(Context c) {
            return "make a new handshake and a request after its session was forgotten";
        }

        @Override
        Finding settle(Context c, String when) {
            Evidence e = c.evidence();
            Finding f = super.settle(c, when);
            if (e.forgottenAt != null) {
                List<ReceivedRecord> dead = intoDeadSession(e);
                if (!dead.isEmpty()) {
                    return Finding.inconclusive(f.observed() + "; " + plural(dead.size(), "record")
                            + " into the forgotten session");
                }
            }
            return f;
        }
    }

    /** ENOS-ROB-05: after an application error, nothing worse than a retry. */
    static final class ApplicationError extends Judgement {
        ApplicationError() {
            super("ENOS-ROB-05");
        }

        @Override
        String stimulusProblem(Stimulus s) {
            return s instanceof Stimulus.ApplicationError ? null : purpose + " judges what the device does after an "
                    + "application error, so its stage needs the stimulus {\"type\": \"application-error\"}";
        }

        private static Optional<FaultEntry> errorAnswer(Evidence e) {
            return e.errorArmedAt == null ? Optional.empty() : e.faults.stream()
                    .filter(f -> f.kind() == FaultEntry.Kind.RESPONSE_OVERRIDDEN && !f.time().isBefore(e.errorArmedAt))
                    .findFirst();
        }

        @Override
        Finding judge(Context c) {
            Evidence e = c.evidence();
            Optional<FaultEntry> err = errorAnswer(e);
            if (err.isEmpty()) {
                return null;
            }
            Instant t = err.get().time();
            Instant end = t.plus(AFTER_ERROR);
            String expected = "after reply code 1220, at most a retry: the same session, no activation, no burst of "
                    + "requests (EC-11)";
            boolean reuses = e.keepsSessions();
            for (HandshakeEntry h : e.handshakes) {
                if (!h.time().isAfter(t) || h.time().isAfter(end) || !e.named(h)) {
                    continue;
                }
                if (h.identity().secureMode() == SecureMode.PRODUCT_SECRET) {
                    return Finding.fail(expected, "a SecureMode 3 handshake " + after(t, h.time())
                            + " the error answer (" + at(h) + "): activating again");
                }
                if (reuses) {
                    return Finding.fail(expected, "a new handshake " + after(t, h.time()) + " the error answer ("
                            + at(h) + ") although the device keeps its session otherwise");
                }
            }
            long burst = e.transmissions.stream().filter(r -> r.time().isAfter(t) && !r.time().isAfter(end)).count();
            if (burst > BURST) {
                return Finding.fail(expected, burst + " requests in the " + AFTER_ERROR.toSeconds()
                        + " s after the error answer (more than " + BURST + ")");
            }
            if (c.now().isBefore(end)) {
                return null;
            }
            Optional<ExchangeEntry> next = e.firstExchange(t.plusNanos(1), x -> x.succeeded() && !x.scripted());
            if (next.isEmpty()) {
                return null;
            }
            return Finding.pass("after the error answer (#" + err.get().sequence() + ") the device went on: "
                    + plural(burst, "request") + " in the next " + AFTER_ERROR.toSeconds() + " s, "
                    + (reuses ? "on the same session" : "each on a new session as before") + "; next answered #"
                    + next.get().sequence());
        }

        @Override
        String waitingFor(Context c) {
            return errorAnswer(c.evidence()).isEmpty() ? "post a measure point to answer with an application error"
                    : "go on reporting after the error answer";
        }
    }

}
