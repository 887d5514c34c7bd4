package dev.enoscoap.conformance.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.JudgedBy;
import dev.enoscoap.conformance.suite.Level;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The verdicts of one conformance run against one client: what every report (JSON, HTML, JUnit
 * XML, console) shows. Any judge can fill one through {@link #builder()}: the JUnit listener that
 * watches the suites does, and so can a judge that watches a device without JUnit.
 *
 * <p>Besides the verdicts it answers the reader's first question, <em>what do I fix first</em>:
 * {@linkplain #rootCauses() root causes} are the purposes that failed on their own (a FAIL, or an
 * INCONCLUSIVE that names no prerequisite); {@linkplain #consequences() consequences} are the
 * INCONCLUSIVE purposes whose {@linkplain PurposeVerdict#prerequisite() prerequisite} leads,
 * directly or through a chain, to a root cause.
 *
 * @param kitVersion the version of the conformance kit
 * @param suite what judged: the suite class, or a description of an observation session
 * @param clientName the client's declared name
 * @param clientVersion the client's declared version
 * @param capabilities the capabilities the client declared
 * @param started when the run started
 * @param finished when it finished
 * @param purposes one row per purpose, in catalogue order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ConformanceReport(String kitVersion, String suite, String clientName, String clientVersion,
        List<String> capabilities, Instant started, Instant finished, List<PurposeVerdict> purposes) {

    public ConformanceReport {
        Objects.requireNonNull(kitVersion, "kitVersion");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(clientVersion, "clientVersion");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        capabilities = List.copyOf(capabilities);
        purposes = List.copyOf(purposes);
        Set<String> ids = new HashSet<>();
        for (PurposeVerdict p : purposes) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("purpose " + p.id() + " appears twice in the report");
            }
        }
    }

    /** A report filled one test verdict at a time, with the rows of the kit's catalogue. */
    public static Builder builder() {
        return new Builder(Catalogue.load());
    }

    /** A report filled one test verdict at a time, with the rows of {@code catalogue}. */
    @API(status = INTERNAL, since = "0.1")
    public static Builder builder(Catalogue catalogue) {
        return new Builder(catalogue);
    }

    /**
     * The verdict of one test (one judgement) of a purpose.
     *
     * @param name what was tried, e.g. a test's display name
     * @param verdict its verdict
     * @param evidence the message behind it ({@code ""} for a pass); its first line is the
     *        one-line evidence, the rest (e.g. the mock's journal) the detail
     * @param prerequisite for an {@link Verdict#INCONCLUSIVE} verdict caused by another purpose's
     *        failure, that purpose's id (e.g. {@code ENOS-KEY-01}); otherwise {@code null}
     * @param duration how long it took
     * @param notes what the judge noted on how it judged, shown with the verdict (e.g. that a purpose
     *        was judged on one request per DTLS session only); empty for most tests
     */
    public record TestVerdict(String name, Verdict verdict, String evidence, String prerequisite, Duration duration,
            List<String> notes) {

        public TestVerdict {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(verdict, "verdict");
            evidence = evidence == null ? "" : Text.wellFormed(evidence);
            prerequisite = prerequisite == null || prerequisite.isBlank() || verdict != Verdict.INCONCLUSIVE ? null
                    : prerequisite;
            duration = duration == null || duration.isNegative() ? Duration.ZERO : duration;
            notes = notes == null ? List.of() : notes.stream().filter(n -> n != null && !n.isBlank())
                    .map(Text::wellFormed).toList();
        }

        /** A test verdict without notes. */
        public TestVerdict(String name, Verdict verdict, String evidence, String prerequisite, Duration duration) {
            this(name, verdict, evidence, prerequisite, duration, List.of());
        }
    }

    /**
     * The verdict on one purpose.
     *
     * @param id the purpose id, e.g. {@code ENOS-KEY-01}
     * @param level how binding it is
     * @param title what it checks
     * @param clause the clause, e.g. {@code EC-6}
     * @param quote the clause's words
     * @param judgedBy how it was judged: {@link JudgedBy#ACTIVE} (the kit drove the client) or
     *        {@link JudgedBy#OBSERVATION} (the kit watched a device)
     * @param verdict the worst verdict of its tests ({@link Verdict#NOT_RUN} if none ran)
     * @param meaning what the verdict means for this purpose, from the catalogue
     * @param fix what to change in the client when it fails, from the catalogue
     * @param prerequisite for an inconclusive purpose stopped by another purpose, that purpose's
     *        id; otherwise {@code null}
     * @param tests the tests that judged it, in the order they ended
     */
    public record PurposeVerdict(String id, Level level, String title, String clause, String quote,
            JudgedBy judgedBy, Verdict verdict, String meaning, String fix, String prerequisite,
            List<TestVerdict> tests) {

        public PurposeVerdict {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(judgedBy, "judgedBy");
            Objects.requireNonNull(verdict, "verdict");
            tests = List.copyOf(tests);
        }

        /** Whether a failure, or an inconclusive verdict, of this purpose fails the run. */
        public boolean must() {
            return level.gates();
        }

        /**
         * What the judge noted on how it judged this purpose, each note once, in the order of its
         * tests; for a purpose of several tests each note names its test ({@code [name] note}).
         */
        public List<String> notes() {
            Set<String> all = new LinkedHashSet<>();
            for (TestVerdict t : tests) {
                t.notes().forEach(n -> all.add(tests.size() > 1 ? "[" + t.name() + "] " + n : n));
            }
            return List.copyOf(all);
        }

        /** How long its tests took together. */
        public Duration duration() {
            return tests.stream().map(TestVerdict::duration).reduce(Duration.ZERO, Duration::plus);
        }

        /** The tests whose verdict is the purpose's verdict and that have evidence, in order. */
        List<TestVerdict> worstTests() {
            return tests.stream().filter(t -> t.verdict() == verdict && !t.evidence().isEmpty()).toList();
        }

        /**
         * The one-line evidence: the first line of the first test with the purpose's verdict
         * ({@code ""} for a pass). For a failure it reads
         * {@code PURPOSE · clause · expected: … · observed: …}.
         */
        public String headline() {
            List<TestVerdict> worst = worstTests();
            return worst.isEmpty() ? "" : firstLine(worst.get(0).evidence());
        }

        /**
         * The whole evidence in one text: for a purpose of several tests, how many had its verdict
         * and the evidence of each of them, named.
         */
        public String evidence() {
            List<TestVerdict> worst = worstTests();
            StringBuilder sb = new StringBuilder();
            if (tests.size() > 1) {
                long same = tests.stream().filter(t -> t.verdict() == verdict).count();
                sb.append(same).append(" of ").append(tests.size()).append(" tests ").append(verdict.label());
            }
            for (TestVerdict t : worst) {
                if (sb.length() > 0) {
                    sb.append("\n\n");
                }
                if (tests.size() > 1) {
                    sb.append('[').append(t.name()).append("]\n");
                }
                sb.append(t.evidence());
            }
            return sb.toString();
        }
    }

    /** The first line of {@code text}. */
    static String firstLine(String text) {
        int nl = lineEnd(text);
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** {@code text} after its first line ({@code ""} if it has one line). */
    static String afterFirstLine(String text) {
        int nl = lineEnd(text);
        if (nl < 0) {
            return "";
        }
        int from = text.startsWith("\r\n", nl) ? nl + 2 : nl + 1;
        return text.substring(from);
    }

    private static int lineEnd(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** The purpose with this id. */
    public Optional<PurposeVerdict> purpose(String id) {
        return purposes.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** How many purposes got each verdict (every verdict is a key). */
    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        purposes.forEach(p -> counts.merge(p.verdict(), 1, Integer::sum));
        return counts;
    }

    /** How many MUST purposes failed or were inconclusive. */
    public long mustFailedOrInconclusive() {
        return purposes.stream().filter(ConformanceReport::gateBreaking).count();
    }

    private static boolean gateBreaking(PurposeVerdict p) {
        return p.must() && (p.verdict() == Verdict.FAIL || p.verdict() == Verdict.INCONCLUSIVE);
    }

    /**
     * Whether the client passes the gate: no MUST purpose failed or was inconclusive (an
     * inconclusive MUST purpose proves nothing), and at least one purpose passed.
     */
    public boolean gatePassed() {
        return mustFailedOrInconclusive() == 0 && purposes.stream().anyMatch(p -> p.verdict() == Verdict.PASS);
    }

    /**
     * The prerequisites that stopped {@code id}, from its own prerequisite to the root cause it
     * leads to; empty unless the purpose is a {@linkplain #consequences() consequence}.
     */
    public List<String> causeChain(String id) {
        PurposeVerdict start = purpose(id).orElse(null);
        if (start == null || start.verdict() != Verdict.INCONCLUSIVE || start.prerequisite() == null) {
            return List.of();
        }
        Map<String, PurposeVerdict> byId = byId();
        List<String> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(start.id()));
        PurposeVerdict current = start;
        while (true) {
            String next = current.prerequisite();
            PurposeVerdict q = byId.get(next);
            if (!seen.add(next)) {
                // A loop of prerequisites explains nothing: each purpose in it stands on its own.
                return List.of();
            }
            if (q == null) {
                // An unknown prerequisite: the last inconclusive purpose is the cause.
                return current == start ? List.of() : List.copyOf(chain);
            }
            if (q.verdict() == Verdict.FAIL) {
                chain.add(next);
                return List.copyOf(chain);
            }
            if (q.verdict() != Verdict.INCONCLUSIVE) {
                // The named prerequisite did not fail in this run: the last inconclusive purpose is the cause.
                return current == start ? List.of() : List.copyOf(chain);
            }
            chain.add(next);
            if (q.prerequisite() == null) {
                return List.copyOf(chain);
            }
            current = q;
        }
    }

    /** The root cause {@code id} could not be judged because of, if it is a consequence. */
    public Optional<String> rootCauseOf(String id) {
        List<String> chain = causeChain(id);
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1));
    }

    /** Whether the purpose failed on its own: a FAIL, or an INCONCLUSIVE that no other failure explains. */
    public boolean isRootCause(PurposeVerdict p) {
        return p.verdict() == Verdict.FAIL || p.verdict() == Verdict.INCONCLUSIVE && causeChain(p.id()).isEmpty();
    }

    /**
     * The purposes that failed on their own, what to fix first: MUST before SHOULD, FAIL before
     * INCONCLUSIVE, then in catalogue order.
     */
    public List<PurposeVerdict> rootCauses() {
        return purposes.stream().filter(this::isRootCause)
                .sorted(Comparator.comparing((PurposeVerdict p) -> !p.must()).thenComparing(PurposeVerdict::verdict))
                .toList();
    }

    /** The inconclusive purposes that could not be judged because of a root cause, in catalogue order. */
    public List<PurposeVerdict> consequences() {
        return purposes.stream().filter(p -> !causeChain(p.id()).isEmpty()).toList();
    }

    /** The consequences of each root cause that has some, in the order of {@link #rootCauses()}. */
    public Map<String, List<PurposeVerdict>> consequencesByRootCause() {
        Map<String, List<PurposeVerdict>> by = new LinkedHashMap<>();
        for (PurposeVerdict root : rootCauses()) {
            List<PurposeVerdict> of = consequences().stream()
                    .filter(p -> rootCauseOf(p.id()).orElseThrow().equals(root.id())).toList();
            if (!of.isEmpty()) {
                by.put(root.id(), of);
            }
        }
        return by;
    }

    /**
     * The gate in one sentence, e.g. {@code FAILED: 2 MUST purposes failed on their own
     * (ENOS-KEY-01, ENOS-KEY-02); 15 more MUST purposes could not be judged because of them}.
     */
    public String gateSummary() {
        if (gatePassed()) {
            return "PASSED: no MUST purpose failed or was inconclusive";
        }
        if (mustFailedOrInconclusive() == 0) {
            return "FAILED: no purpose passed, so nothing was proven";
        }
        List<PurposeVerdict> mustRoots = rootCauses().stream().filter(PurposeVerdict::must).toList();
        long mustConsequences = consequences().stream().filter(PurposeVerdict::must).count();
        String roots = mustRoots.stream().map(PurposeVerdict::id).collect(Collectors.joining(", "));
        if (mustRoots.isEmpty()) {
            String causes = consequences().stream().filter(PurposeVerdict::must)
                    .map(p -> rootCauseOf(p.id()).orElseThrow()).distinct().collect(Collectors.joining(", "));
            return "FAILED: " + plural(mustConsequences, "MUST purpose") + " could not be judged because of " + causes;
        }
        String head = "FAILED: " + plural(mustRoots.size(), "MUST purpose") + " failed on "
                + (mustRoots.size() == 1 ? "its own" : "their own") + " (" + roots + ")";
        return mustConsequences == 0 ? head
                : head + "; " + plural(mustConsequences, "more MUST purpose") + " could not be judged because of "
                        + (mustRoots.size() == 1 ? "it" : "them");
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private Map<String, PurposeVerdict> byId() {
        Map<String, PurposeVerdict> m = new HashMap<>();
        purposes.forEach(p -> m.put(p.id(), p));
        return m;
    }

    /** The conformance kit's version, filled in by the build ({@code unknown} if absent). */
    static String thisKitVersion() {
        try (InputStream in = ConformanceReport.class.getResourceAsStream("kit-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Fills a {@link ConformanceReport} one test verdict at a time. Every purpose of the catalogue
     * gets a row, in catalogue order: the worst verdict of its tests, or {@link Verdict#NOT_RUN}
     * if none was added. A purpose id the catalogue does not know gets a row at the end.
     *
     * <pre>{@code
     * ConformanceReport report = ConformanceReport.builder()
     *         .suite("observation of coaps://127.0.0.1:5684")
     *         .client("acme-fw", "1.2.0", List.of("SECURE_MODE_2", "UPLINK"))
     *         .judgedBy(JudgedBy.OBSERVATION)
     *         .started(start).finished(end)
     *         .verdict("ENOS-ID-01", Verdict.PASS, "")
     *         .verdict("ENOS-KEY-01", Verdict.FAIL, "ENOS-KEY-01 · EC-4, EC-6 · expected: … · observed: …")
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final Catalogue catalogue;
        private String kitVersion = thisKitVersion();
        private String suite = "";
        private String clientName = "(not declared)";
        private String clientVersion = "(not declared)";
        private List<String> capabilities = List.of();
        private Instant started;
        private Instant finished;
        private JudgedBy judgedBy = JudgedBy.ACTIVE;
        private final Map<String, List<TestVerdict>> tests = new LinkedHashMap<>();
        private final Map<String, JudgedBy> how = new HashMap<>();

        private Builder(Catalogue catalogue) {
            this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        }

        /** The kit version shown; default the version of this kit. */
        public Builder kitVersion(String version) {
            this.kitVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /** What judged: the suite class, or a description of an observation session. */
        public Builder suite(String suite) {
            this.suite = Objects.requireNonNull(suite, "suite");
            return this;
        }

        /** The client's declared name, version and capabilities. */
        public Builder client(String name, String version, Collection<String> capabilities) {
            this.clientName = Objects.requireNonNull(name, "name");
            this.clientVersion = Objects.requireNonNull(version, "version");
            this.capabilities = List.copyOf(capabilities);
            return this;
        }

        /** When the run started; default the time of {@link #build()}. */
        public Builder started(Instant time) {
            this.started = time;
            return this;
        }

        /** When the run finished; default the time of {@link #build()}. */
        public Builder finished(Instant time) {
            this.finished = time;
            return this;
        }

        /** How the purposes of this report are judged unless said per test; default {@link JudgedBy#ACTIVE}. */
        public Builder judgedBy(JudgedBy how) {
            this.judgedBy = Objects.requireNonNull(how, "how");
            return this;
        }

        /** Adds the verdict of one test of {@code purposeId}, judged the {@linkplain #judgedBy default way}. */
        public Builder test(String purposeId, TestVerdict test) {
            return test(purposeId, null, test);
        }

        /** Adds the verdict of one test of {@code purposeId}, judged {@code how}. */
        public synchronized Builder test(String purposeId, JudgedBy how, TestVerdict test) {
            Objects.requireNonNull(purposeId, "purposeId");
            Objects.requireNonNull(test, "test");
            tests.computeIfAbsent(purposeId, k -> new ArrayList<>()).add(test);
            if (how != null) {
                this.how.putIfAbsent(purposeId, how);
            }
            return this;
        }

        /** Adds a purpose judged in one go: its verdict and evidence ({@code ""} for a pass). */
        public Builder verdict(String purposeId, Verdict verdict, String evidence) {
            return test(purposeId, new TestVerdict(purposeId, verdict, evidence, null, Duration.ZERO));
        }

        /**
         * Adds a purpose that could not be judged because the purpose {@code prerequisite} failed
         * or could not be judged.
         */
        public Builder inconclusiveBecauseOf(String purposeId, String prerequisite, String evidence) {
            return test(purposeId, new TestVerdict(purposeId, Verdict.INCONCLUSIVE, evidence, prerequisite,
                    Duration.ZERO));
        }

        /** The report. */
        public synchronized ConformanceReport build() {
            Instant now = Instant.now();
            Instant start = started == null ? now : started;
            Instant end = finished == null ? now : finished;
            List<PurposeVerdict> rows = new ArrayList<>();
            for (Catalogue.Entry e : catalogue.all().values()) {
                rows.add(row(e.id(), e, tests.getOrDefault(e.id(), List.of())));
            }
            tests.forEach((id, list) -> {
                if (catalogue.get(id).isEmpty()) {
                    rows.add(row(id, null, list));
                }
            });
            return new ConformanceReport(kitVersion, suite, clientName, clientVersion, capabilities, start, end, rows);
        }

        private PurposeVerdict row(String id, Catalogue.Entry entry, List<TestVerdict> list) {
            Verdict worst = list.stream().map(TestVerdict::verdict).reduce(Verdict.NOT_RUN, Verdict::worst);
            List<TestVerdict> worstTests = list.stream().filter(t -> t.verdict() == worst).toList();
            String prerequisite = worst == Verdict.INCONCLUSIVE && !worstTests.isEmpty()
                    && worstTests.stream().allMatch(t -> t.prerequisite() != null) ? worstTests.get(0).prerequisite()
                            : null;
            JudgedBy judged = how.getOrDefault(id, judgedBy);
            if (entry == null) {
                return new PurposeVerdict(id, Level.MUST, "(not in the catalogue)", "", "", judged, worst,
                        "", "", prerequisite, list);
            }
            return new PurposeVerdict(id, entry.level(), entry.title(), entry.clause(), entry.quote(), judged, worst,
                    meaning(entry, worst, prerequisite), entry.fix(), prerequisite, list);
        }

        private static String meaning(Catalogue.Entry entry, Verdict verdict, String prerequisite) {
            return switch (verdict) {
                case PASS -> entry.pass();
                case FAIL -> entry.fail();
                case NOT_APPLICABLE -> entry.notApplicable();
                case INCONCLUSIVE -> prerequisite != null
                        ? "not judged: prerequisite " + prerequisite + " failed or could not be judged"
                        : "not judged, so nothing is proven either way: the evidence says what stopped it";
                case NOT_RUN -> "not selected in this run";
            };
        }
    }
}
