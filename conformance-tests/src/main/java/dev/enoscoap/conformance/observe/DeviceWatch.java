package dev.enoscoap.conformance.observe;

import dev.enoscoap.conformance.report.ConformanceReport;
import dev.enoscoap.conformance.report.ConformanceReportListener.PurposeJudged;
import dev.enoscoap.conformance.report.Verdict;
import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.JudgedBy;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.command.Command;
import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.fault.ResponseOverride;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.ServerEvent;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.LogText;
import dev.enoscoap.mock.protocol.ResponseCode;
import dev.enoscoap.mock.wire.ReceivedRecord;
import dev.enoscoap.mock.wire.ReceivedRequest;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device under observation: the evidence the session attributes to it, its way through the
 * plan's stages (stimuli applied at each stage's start), and the state of each purpose. Every
 * method runs on the session's thread.
 */
final class DeviceWatch implements Context {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceWatch.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final int EVIDENCE_LINES = 20;
    /** How long a purpose judged over the whole session watches the device at least, once it would pass. */
    static final Duration WATCH_AT_LEAST = Duration.ofSeconds(10);

    /** Where one purpose stands. */
    static final class Purpose {
        final Catalogue.Entry entry;
        final Judgements.Judgement judgement;
        final String stage;
        boolean stimulated;
        /** For a purpose judged over the whole session: since when what was seen would pass it, or null. */
        Instant passingSince;
        Verdict verdict;
        String evidence = "";
        String prerequisite;
        Duration duration = Duration.ZERO;

        Purpose(Catalogue.Entry entry, Judgements.Judgement judgement, String stage) {
            this.entry = entry;
            this.judgement = judgement;
            this.stage = stage;
        }

        boolean landed() {
            return verdict != null;
        }

        /** The state as the page shows it. */
        String state() {
            if (verdict != null) {
                return verdict.label().toLowerCase(java.util.Locale.ROOT);
            }
            return stimulated ? "stimulus applied" : "waiting";
        }
    }

    private final ObservationSession session;
    private final EnosMockServer server;
    private final Evidence evidence;
    private final List<PlanStage> stages;
    private final Map<String, Purpose> purposes = new LinkedHashMap<>();
    private final Map<String, Instant> stageStarts = new HashMap<>();
    private final Set<Capability> declared;
    private final boolean soleDevice;
    private int stage = -1;
    private Instant stageStartedAt;
    /** Whether the current stage's stimulus waits for the purposes its own purposes need. */
    private boolean stimulusWaiting;
    private Purpose current;
    private boolean finished;
    private Instant finishedAt;
    private int landed;

    DeviceWatch(ObservationSession session, DeviceId device, boolean hadSecret, ObservationPlan plan,
            Set<Capability> declared, boolean soleDevice, Instant started) {
        this.session = session;
        this.server = session.server();
        this.evidence = new Evidence(device, started, hadSecret);
        this.stages = plan.stages();
        this.declared = Set.copyOf(declared);
        this.soleDevice = soleDevice;
        Catalogue catalogue = Catalogue.load();
        Map<String, String> stageOf = new HashMap<>();
        for (PlanStage s : stages) {
            for (String p : s.purposes()) {
                assign(catalogue, p, s.name(), stageOf);
            }
        }
        for (Catalogue.Entry e : catalogue.judgedBy(JudgedBy.OBSERVATION).all().values()) {
            if (stageOf.containsKey(e.id())) {
                purposes.put(e.id(), new Purpose(e, Judgements.of(e.id()), stageOf.get(e.id())));
            }
        }
    }

    /** Gives {@code id} and the purposes it needs (not yet given one) to stage {@code stage}. */
    private static void assign(Catalogue catalogue, String id, String stage, Map<String, String> stageOf) {
        if (stageOf.containsKey(id) || !Judgements.purposes().contains(id)) {
            return;
        }
        stageOf.put(id, stage);
        for (String pre : catalogue.get(id).orElseThrow().prerequisites()) {
            assign(catalogue, pre, stage, stageOf);
        }
    }

    DeviceId device() {
        return evidence.device;
    }

    boolean finished() {
        return finished;
    }

    int total() {
        return purposes.size();
    }

    Map<String, Purpose> purposes() {
        return purposes;
    }

    // ---------------------------------------------------------------- Context

    @Override
    public Evidence evidence() {
        return evidence;
    }

    @Override
    public Instant now() {
        return server.clock().instant();
    }

    @Override
    public EnosMockServer server() {
        return server;
    }

    @Override
    public Verdict verdictOf(String purpose) {
        Purpose p = purposes.get(purpose);
        return p == null ? null : p.verdict;
    }

    @Override
    public boolean available(Capability capability) {
        return switch (capability) {
            case SECURE_MODE_3 -> !evidence.hadSecret;
            case DOWNLINK, SESSION_REUSE -> declared.contains(capability);
            default -> true;
        };
    }

    @Override
    public boolean declared(Capability capability) {
        return declared.contains(capability);
    }

    // ---------------------------------------------------------------- evidence in

    /** Takes the event if it is this device's. */
    void offer(Object event) {
        if (finished) {
            return;
        }
        DeviceId d = evidence.device;
        if (event instanceof HandshakeEntry h) {
            if (mine(h)) {
                evidence.keep(evidence.handshakes, h);
                evidence.line(h);
                if (h.peer() != null && (h.identityReceived() != null)) {
                    evidence.hosts.add(h.peer().getAddress());
                    if (h.accepted() && evidence.named(h)) {
                        evidence.sessionAddresses.add(h.peer());
                    }
                }
            }
        } else if (event instanceof ExchangeEntry x) {
            if (d.equals(x.device())) {
                evidence.keep(evidence.exchanges, x);
                evidence.line(x);
                if (x.peer() != null) {
                    evidence.hosts.add(x.peer().getAddress());
                    evidence.sessionAddresses.add(x.peer());
                }
            }
        } else if (event instanceof StateChange s) {
            if (d.equals(s.device())) {
                evidence.keep(evidence.states, s);
                evidence.line(s);
            }
        } else if (event instanceof FaultEntry f) {
            if (d.equals(f.device())) {
                evidence.keep(evidence.faults, f);
                evidence.line(f);
            }
        } else if (event instanceof ServerEvent v) {
            if (d.equals(v.device())) {
                evidence.line(v);
            }
        } else if (event instanceof ReceivedRequest r) {
            if (d.equals(r.device())) {
                evidence.keep(evidence.transmissions, r);
            }
        } else if (event instanceof ReceivedRecord r) {
            if (evidence.forgottenAt != null && r.applicationData() && evidence.forgottenAddresses.contains(r.peer())) {
                evidence.keep(evidence.records, r);
            }
        }
    }

    /**
     * Whether a handshake is this device's: its identity names the device; names its device key
     * under another product, or its IMEI changed; is malformed but holds both keys; or it ended
     * before an identity arrived, from an address the device used (or from anywhere, while a
     * session watching only this device has not seen it yet).
     */
    private boolean mine(HandshakeEntry h) {
        DeviceId d = evidence.device;
        if (h.identity() != null) {
            return h.identity().device().equals(d) || h.identity().deviceKey().equals(d.deviceKey())
                    || h.identity().productKey().equals(d.productKey()) && Judgements.Imei.isImei(d.deviceKey())
                    && Judgements.Imei.variant(h.identity().deviceKey(), d.deviceKey());
        }
        if (h.identityReceived() != null) {
            return h.identityReceived().contains(d.productKey()) && h.identityReceived().contains(d.deviceKey());
        }
        InetAddress from = h.peer() == null ? null : h.peer().getAddress();
        return from != null && (evidence.hosts.contains(from) || soleDevice && evidence.hosts.isEmpty());
    }

    // ---------------------------------------------------------------- the plan

    /** Starts the session for this device: purposes that cannot apply are not applicable at once. */
    void start() {
        for (Purpose p : purposes.values()) {
            current = p;
            for (Capability c : p.entry.capabilities()) {
                if (!available(c)) {
                    land(p, Finding.notApplicable(why(c)));
                    break;
                }
            }
            if (!p.landed()) {
                Finding f = p.judgement.notApplicable(this);
                if (f != null) {
                    land(p, f);
                }
            }
        }
        current = null;
        startStage(0);
    }

    private String why(Capability c) {
        if (c == Capability.SECURE_MODE_3) {
            return evidence.device + " has a device secret in the registry, so it is not expected to activate in "
                    + "SecureMode 3; register it without a secret to judge activation (EC-8)";
        }
        return c + " was not declared for this session (capabilities " + declared + ")";
    }

    /** Looks at what arrived, lands verdicts, moves through the stages. */
    void tick() {
        if (finished) {
            return;
        }
        evaluate();
        while (!finished) {
            PlanStage s = stages.get(stage);
            List<Purpose> waiting = waitingIn(s);
            if (!waiting.isEmpty()) {
                Duration ran = Duration.between(stageStartedAt, now());
                if (ran.compareTo(s.timeout()) < 0) {
                    return;
                }
                settle(waiting, "within " + s.timeout().toSeconds() + " s (the timeout of stage " + s.name() + ")");
            }
            endStage();
            if (stage + 1 < stages.size()) {
                startStage(stage + 1);
                evaluate();
            } else {
                finish("by the end of the session");
            }
        }
    }

    /** Ends now: every purpose still waiting is settled with {@code when} ("before …"). */
    void stop(String when) {
        if (finished) {
            return;
        }
        evaluate();
        endStage();
        finish(when);
    }

    /**
     * The purposes a stage still waits for: those it judges, except those settled at the end of the
     * session; a purpose judged over the whole session is waited for until what was seen would pass it.
     */
    private List<Purpose> waitingIn(PlanStage s) {
        return purposes.values().stream().filter(p -> !p.landed() && p.stage.equals(s.name())
                && (!p.judgement.settlesAtEnd() || p.judgement.wholeSession() && (p.passingSince == null
                        || Duration.between(p.passingSince, now()).compareTo(WATCH_AT_LEAST) < 0))).toList();
    }

    private void startStage(int i) {
        stage = i;
        stageStartedAt = now();
        PlanStage s = stages.get(i);
        stageStarts.put(s.name(), stageStartedAt);
        session.listener().stageStarted(evidence.device, s);
        stimulusWaiting = !(s.stimulus() instanceof Stimulus.None);
        applyWaitingStimulus();
    }

    /**
     * Applies the current stage's stimulus once the purposes that its purposes need and that need
     * no stimulus themselves hold (the device is connected and reporting): a request is dropped, a
     * command queued, a session forgotten only then. If a purpose it needs fails, its own purposes are inconclusive and the
     * stimulus is not applied.
     */
    private void applyWaitingStimulus() {
        if (!stimulusWaiting || finished) {
            return;
        }
        PlanStage s = stages.get(stage);
        boolean open = purposes.values().stream().anyMatch(p -> p.stage.equals(s.name()) && !p.landed());
        if (!open) {
            stimulusWaiting = false;
            session.listener().stimulusApplied(evidence.device, s, "skipped: every purpose of the stage is judged already");
            return;
        }
        for (Purpose p : purposes.values()) {
            if (!p.stage.equals(s.name())) {
                continue;
            }
            for (String pre : p.entry.prerequisites()) {
                Purpose q = purposes.get(pre);
                boolean passive = q != null && q.judgement.stimulusProblem(new Stimulus.None()) == null;
                if (passive && q.verdict != Verdict.PASS && q.verdict != Verdict.NOT_APPLICABLE) {
                    return;
                }
            }
        }
        stimulusWaiting = false;
        try {
            String what = apply(s.stimulus());
            purposes.values().stream().filter(p -> p.stage.equals(s.name())).forEach(p -> p.stimulated = true);
            session.listener().stimulusApplied(evidence.device, s, what);
        } catch (RuntimeException e) {
            LOG.warn("stimulus {} of stage {} for {} failed", s.stimulus().type(), s.name(), evidence.device, e);
            session.listener().stimulusApplied(evidence.device, s, "failed: " + e.getMessage());
        }
    }

    private String apply(Stimulus stimulus) {
        DeviceId d = evidence.device;
        Instant now = now();
        if (stimulus instanceof Stimulus.DropRequest drop) {
            evidence.dropArmedAt = now;
            server.faults().dropTransmissions(d, drop.transmissions());
        } else if (stimulus instanceof Stimulus.Commands commands) {
            List<CommandHandle> handles = new ArrayList<>();
            for (int i = 1; i <= commands.count(); i++) {
                handles.add(server.commands().send(d, Command.setMeasurePoints(Map.of("observed", i))));
            }
            evidence.commands = List.copyOf(handles);
            evidence.commandsQueuedAt = now;
        } else if (stimulus instanceof Stimulus.ApplicationError error) {
            evidence.errorArmedAt = now;
            evidence.errorPath = evidence.measurePointPath();
            server.faults().overrideResponse(evidence.errorPath, ResponseOverride.json(ResponseCode.CHANGED.text(),
                    "{\"id\":\"0\",\"code\":" + error.replyCode() + ",\"data\":{},\"message\":\"application error "
                            + error.replyCode() + " (a stimulus of the observation session)\"}"));
        } else if (stimulus instanceof Stimulus.LoseSession lose) {
            evidence.loseSessionArmedAt = now;
            if (lose.refuseHandshakes() > 0) {
                server.faults().refuseNextHandshakes(d, lose.refuseHandshakes());
            }
            if (lose.forgetSession()) {
                evidence.forgottenAddresses = Set.copyOf(new LinkedHashSet<>(evidence.sessionAddresses));
                evidence.forgottenAt = now();
                server.faults().forgetSession(d);
            }
        }
        return stimulus.describe();
    }

    /** Takes back what a stage's stimulus left armed (a drop or refusal the device never met). */
    private void endStage() {
        if (stage < 0 || stage >= stages.size()) {
            return;
        }
        Stimulus s = stages.get(stage).stimulus();
        if (!(s instanceof Stimulus.None)) {
            server.faults().clear(evidence.device);
        }
    }

    private void finish(String when) {
        for (Purpose p : purposes.values()) {
            if (p.landed()) {
                continue;
            }
            current = p;
            Finding f = stopper(p);
            if (f == null && p.judgement.wholeSession() && prerequisitesHold(p)) {
                f = judgeSafely(p);
                if (f != null && f.verdict() != Verdict.PASS && f.verdict() != Verdict.FAIL) {
                    f = null;
                }
                // A pass over the whole session vouches for every request; past what the evidence keeps it cannot.
                if (f != null && f.verdict() == Verdict.PASS && evidence.notKept > 0) {
                    f = Finding.inconclusive("the device sent more than the session keeps (" + Evidence.KEPT
                            + " of each kind; " + evidence.notKept + " more were not judged), so nothing can be said of "
                            + "all its requests; what was kept passed: " + f.observed());
                }
            }
            if (f == null) {
                f = settleSafely(p, when);
            }
            land(p, f);
        }
        current = null;
        finished = true;
        finishedAt = now();
        server.faults().clear(evidence.device);
    }

    private void settle(List<Purpose> waiting, String when) {
        for (Purpose p : purposes.values()) {
            if (!waiting.contains(p) || p.landed()) {
                continue;
            }
            current = p;
            Finding f = stopper(p);
            land(p, f != null ? f : settleSafely(p, when));
        }
        current = null;
    }

    /**
     * One pass over the purposes in catalogue order. A purpose whose prerequisites hold is judged;
     * one whose prerequisites still wait may only fail: what it saw breaks its rule whatever they find.
     */
    private void evaluate() {
        for (Purpose p : purposes.values()) {
            if (p.landed()) {
                continue;
            }
            current = p;
            Finding stop = stopper(p);
            if (stop != null) {
                land(p, stop);
                continue;
            }
            Finding f = judgeSafely(p);
            if (f == null) {
                continue;
            }
            if (!prerequisitesHold(p)) {
                if (f.verdict() == Verdict.FAIL) {
                    land(p, f);
                }
                continue;
            }
            if (f.verdict() == Verdict.PASS && p.judgement.wholeSession()) {
                if (p.passingSince == null) {
                    p.passingSince = now();
                }
                continue;
            }
            land(p, f);
        }
        current = null;
        applyWaitingStimulus();
    }

    /** A prerequisite or an explaining purpose that failed or could not be judged, as the verdict it forces. */
    private Finding stopper(Purpose p) {
        List<String> stoppers = new ArrayList<>(p.entry.prerequisites());
        stoppers.addAll(p.judgement.explainedBy());
        for (String q : stoppers) {
            Purpose other = purposes.get(q);
            if (other != null && (other.verdict == Verdict.FAIL || other.verdict == Verdict.INCONCLUSIVE)) {
                return Finding.because(q, "needs " + q + " (" + other.entry.title() + "), which "
                        + (other.verdict == Verdict.FAIL ? "failed" : "could not be judged"));
            }
        }
        return null;
    }

    private boolean prerequisitesHold(Purpose p) {
        for (String q : p.entry.prerequisites()) {
            Purpose other = purposes.get(q);
            if (other != null && !other.landed()) {
                return false;
            }
        }
        return true;
    }

    private Finding judgeSafely(Purpose p) {
        try {
            return p.judgement.judge(this);
        } catch (RuntimeException e) {
            LOG.warn("judging {} of {} failed", p.entry.id(), evidence.device, e);
            return Finding.inconclusive("the judgement failed unexpectedly: " + e);
        }
    }

    private Finding settleSafely(Purpose p, String when) {
        try {
            return p.judgement.settle(this, when);
        } catch (RuntimeException e) {
            LOG.warn("settling {} of {} failed", p.entry.id(), evidence.device, e);
            return Finding.inconclusive("the judgement failed unexpectedly: " + e);
        }
    }

    private void land(Purpose p, Finding f) {
        Instant now = now();
        p.verdict = f.verdict();
        p.prerequisite = f.prerequisite();
        Instant from = stageStarts.getOrDefault(p.stage, now);
        if (from.isBefore(evidence.started)) {
            from = evidence.started;
        }
        p.duration = Duration.between(from, now).isNegative() ? Duration.ZERO : Duration.between(from, now);
        p.evidence = text(p, f);
        landed++;
        session.listener().purposeJudged(evidence.device, new PurposeJudged(p.entry.id(), p.verdict, p.prerequisite,
                p.duration, landed, purposes.size(), Duration.between(session.started(), now)));
    }

    private String text(Purpose p, Finding f) {
        String id = p.entry.id();
        return switch (f.verdict()) {
            case PASS -> f.observed();
            case FAIL -> id + " · " + p.entry.clause() + " · expected: " + f.expected() + " · observed: " + f.observed()
                    + "\n" + journal(EVIDENCE_LINES);
            case INCONCLUSIVE -> f.prerequisite() != null ? "inconclusive: " + id + ": " + f.observed()
                    : "inconclusive: " + id + ": " + f.observed() + "\n" + journal(EVIDENCE_LINES);
            case NOT_APPLICABLE -> "not applicable: " + f.observed();
            case NOT_RUN -> "";
        };
    }

    /** The device's last journal entries, for evidence. */
    String journal(int lines) {
        List<JournalEntry> all = new ArrayList<>(evidence.lines);
        StringBuilder sb = new StringBuilder("journal of ").append(server.coapsUri()).append(", the last entries of ")
                .append(evidence.device).append(":\n");
        if (all.isEmpty()) {
            sb.append("  (none)\n");
        }
        for (JournalEntry e : all.subList(Math.max(0, all.size() - lines), all.size())) {
            sb.append("  ").append(line(e)).append('\n');
        }
        return sb.toString();
    }

    static String line(JournalEntry e) {
        return "#" + e.sequence() + " " + TIME.format(e.time()) + " " + e.describe();
    }

    /** The journal lines for the page, newest last. */
    List<String> journalLines() {
        return evidence.lines.stream().map(DeviceWatch::line).toList();
    }

    String stageName() {
        return finished ? "done" : stage < 0 ? "not started" : stages.get(stage).name();
    }

    long stageSecondsLeft() {
        if (finished || stage < 0) {
            return 0;
        }
        Duration left = stages.get(stage).timeout().minus(Duration.between(stageStartedAt, now()));
        return Math.max(0, left.toSeconds());
    }

    List<PlanStage> stages() {
        return stages;
    }

    /** The state of a stage: done, running or waiting. */
    String stageState(int i) {
        return finished || i < stage ? "done" : i == stage ? "running" : "waiting";
    }

    /** The report of this device, with every observation purpose of the catalogue as a row. */
    ConformanceReport report(String suite, String clientName, String clientVersion) {
        ConformanceReport.Builder b = ConformanceReport.builder(Catalogue.load().judgedBy(JudgedBy.OBSERVATION))
                .judgedBy(JudgedBy.OBSERVATION).suite(suite)
                .client(clientName == null ? evidence.device.toString() : clientName,
                        clientVersion == null ? "unknown" : clientVersion, capabilities())
                .started(evidence.started).finished(finishedAt == null ? now() : finishedAt);
        for (Purpose p : purposes.values()) {
            if (p.landed()) {
                b.test(p.entry.id(), JudgedBy.OBSERVATION, new ConformanceReport.TestVerdict(p.entry.id() + " (stage "
                        + p.stage + ")", p.verdict, p.evidence, p.prerequisite, p.duration));
            }
        }
        return b.build();
    }

    private List<String> capabilities() {
        List<String> caps = new ArrayList<>();
        for (Capability c : Capability.values()) {
            boolean shown = switch (c) {
                case SECURE_MODE_2, UPLINK -> true;
                case SECURE_MODE_3 -> !evidence.hadSecret;
                case DOWNLINK, SESSION_REUSE, UPLINK_BATCH, UPLINK_RESUME, EVENT, ATTRIBUTE -> declared.contains(c);
                default -> false;
            };
            if (shown) {
                caps.add(c.name());
            }
        }
        return caps;
    }

    @Override
    public String toString() {
        return "DeviceWatch[" + LogText.escape(evidence.device.toString()) + ", stage " + stageName() + "]";
    }
}
