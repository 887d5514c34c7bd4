package dev.enoscoap.conformance.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.ConformanceExtension;
import dev.enoscoap.conformance.suite.JudgedBy;
import dev.enoscoap.conformance.suite.Inconclusive;
import dev.enoscoap.conformance.suite.NotApplicable;
import dev.enoscoap.conformance.suite.Purpose;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Turns a JUnit run of the conformance suites into a {@link ConformanceReport} and writes it with
 * {@link ReportWriter}: {@code conformance-report.json}, {@code conformance-report.html} and
 * {@code conformance-junit.xml}.
 *
 * <p>Registered through {@code META-INF/services}, so Surefire and the conformance runner load it
 * by themselves. It looks only at tests whose method carries {@link Purpose}:
 * <ul>
 * <li>successful: {@link Verdict#PASS}</li>
 * <li>failed with {@link AssertionFailedError}: {@link Verdict#FAIL}</li>
 * <li>aborted with {@link NotApplicable}: {@link Verdict#NOT_APPLICABLE}</li>
 * <li>aborted with {@link Inconclusive} or anything else, or failed with any other exception:
 * {@link Verdict#INCONCLUSIVE} (an unexpected error proves nothing about the client). Only an
 * {@link Inconclusive} made with {@link Inconclusive#becauseOf} names a prerequisite: root causes
 * come from that structured data, never from the wording of a message.</li>
 * <li>skipped (e.g. disabled): {@link Verdict#NOT_APPLICABLE} with the reason</li>
 * </ul>
 * A purpose judged by several tests takes the worst verdict: FAIL, INCONCLUSIVE, PASS,
 * NOT_APPLICABLE. Purposes of the catalogue that no test judged are {@link Verdict#NOT_RUN}.
 *
 * <p>When the last test of a purpose ends, the {@link Progress} given to the constructor hears of
 * it (the conformance runner prints a line).
 *
 * <p>Reports go to the directory in configuration parameter {@value #REPORT_DIR} (default
 * {@value #DEFAULT_DIR}). When the plan ran the suites for several classes (several clients),
 * each gets a sub-directory named after its class.
 *
 * <p>Every project that has the kit on its test class path loads it, but it is active only for a
 * test plan that holds a purpose test: for any other plan it looks at each test once, when the
 * plan starts, and then does nothing, writing nothing.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class ConformanceReportListener implements TestExecutionListener {
    /** Configuration parameter: the directory of the reports. */
    public static final String REPORT_DIR = "enos.conformance.report.dir";
    /** The directory when {@value #REPORT_DIR} is not set, relative to the working directory. */
    public static final String DEFAULT_DIR = "target/conformance";

    /** Hears of each purpose as its verdict lands. */
    @FunctionalInterface
    public interface Progress {
        /** The last test of a purpose ended. Called on the thread that ran it. */
        void purposeJudged(PurposeJudged judged);
    }

    /**
     * A purpose whose last test ended.
     *
     * @param purposeId e.g. {@code ENOS-LT-03}
     * @param verdict the worst verdict of its tests
     * @param prerequisite for an inconclusive purpose stopped by another one, that purpose; else {@code null}
     * @param duration how long its tests took together
     * @param done how many purposes of the run have ended, this one included
     * @param total how many purposes the run judges
     * @param elapsed the time since the run started
     * @param notes what the judge noted on how it judged the purpose (see {@link ConformanceReport.PurposeVerdict#notes()})
     */
    public record PurposeJudged(String purposeId, Verdict verdict, String prerequisite, Duration duration, int done,
            int total, Duration elapsed, List<String> notes) {

        public PurposeJudged {
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        /** A purpose judged without notes. */
        public PurposeJudged(String purposeId, Verdict verdict, String prerequisite, Duration duration, int done,
                int total, Duration elapsed) {
            this(purposeId, verdict, prerequisite, duration, done, total, elapsed, List.of());
        }
    }

    private final Progress progress;
    private final Clock clock;
    private final Map<String, SuiteRun> runs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> remaining = new ConcurrentHashMap<>();
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    private final Map<String, List<String>> notes = new ConcurrentHashMap<>();
    private final AtomicInteger done = new AtomicInteger();
    private final List<ConformanceReport> reports = new ArrayList<>();
    private volatile TestPlan plan;
    private volatile Instant started;
    private volatile boolean active;

    /** A listener that writes the reports; used by {@code META-INF/services}. */
    public ConformanceReportListener() {
        this(judged -> {
        });
    }

    /** A listener that writes the reports and tells {@code progress} of each purpose as it ends. */
    public ConformanceReportListener(Progress progress) {
        this(progress, Clock.systemUTC());
    }

    ConformanceReportListener(Progress progress, Clock clock) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        started = clock.instant();
        runs.clear();
        remaining.clear();
        startedAt.clear();
        notes.clear();
        done.set(0);
        synchronized (reports) {
            reports.clear();
        }
        for (TestIdentifier root : testPlan.getRoots()) {
            for (TestIdentifier id : testPlan.getDescendants(root)) {
                if (isPurposeUnit(id)) {
                    purposeMethod(id).ifPresent(m -> remaining.computeIfAbsent(m.key(), k -> new AtomicInteger())
                            .incrementAndGet());
                }
            }
        }
        active = !remaining.isEmpty();
    }

    /** Whether the plan that runs holds a purpose test; until then, and otherwise, the listener does nothing. */
    boolean active() {
        return active;
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        if (!active) {
            return;
        }
        Map<String, String> kv = entry.getKeyValuePairs();
        Optional<PurposeMethod> method = purposeMethod(id);
        if (method.isEmpty()) {
            return;
        }
        if (kv.containsKey(ConformanceExtension.CLIENT_NAME)) {
            run(method.get().className()).identity(kv);
        }
        String note = kv.get(ConformanceExtension.NOTE);
        if (note != null) {
            // The judge writes "PURPOSE: note"; the report shows it with the purpose, so the id goes.
            String prefix = method.get().purpose() + ": ";
            notes.computeIfAbsent(id.getUniqueId(), k -> new CopyOnWriteArrayList<>())
                    .add(note.startsWith(prefix) ? note.substring(prefix.length()) : note);
        }
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (active && purposeMethod(id).isPresent()) {
            startedAt.put(id.getUniqueId(), clock.instant());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (!active) {
            return;
        }
        purposeMethod(id).ifPresent(m -> {
            run(m.className()).add(m.purpose(), new ConformanceReport.TestVerdict(id.getDisplayName(),
                    Verdict.NOT_APPLICABLE, "skipped: " + reason, null, Duration.ZERO));
            if (isPurposeUnit(id)) {
                unitEnded(m);
            }
        });
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!active) {
            return;
        }
        Optional<PurposeMethod> method = purposeMethod(id);
        if (method.isEmpty()) {
            return;
        }
        PurposeMethod m = method.get();
        Instant start = startedAt.remove(id.getUniqueId());
        List<String> noted = notes.remove(id.getUniqueId());
        Duration took = start == null ? Duration.ZERO : Duration.between(start, clock.instant());
        Throwable t = result.getThrowable().orElse(null);
        boolean containerBroke = !id.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
        if (id.isTest() || containerBroke) {
            Verdict verdict = verdict(result.getStatus(), t);
            String evidence = t == null ? "" : evidence(t);
            run(m.className()).add(m.purpose(), new ConformanceReport.TestVerdict(id.getDisplayName(), verdict,
                    evidence, verdict == Verdict.INCONCLUSIVE ? prerequisite(t) : null, took,
                    noted == null ? List.of() : noted));
        }
        if (isPurposeUnit(id)) {
            unitEnded(m);
        }
    }

    private void unitEnded(PurposeMethod m) {
        AtomicInteger left = remaining.get(m.key());
        if (left == null || left.decrementAndGet() != 0) {
            return;
        }
        List<ConformanceReport.TestVerdict> tests = run(m.className()).tests(m.purpose());
        Verdict worst = tests.stream().map(ConformanceReport.TestVerdict::verdict).reduce(Verdict.NOT_RUN, Verdict::worst);
        List<ConformanceReport.TestVerdict> inconclusive = tests.stream()
                .filter(t -> t.verdict() == Verdict.INCONCLUSIVE).toList();
        String prerequisite = worst == Verdict.INCONCLUSIVE && inconclusive.stream().allMatch(t -> t.prerequisite() != null)
                ? inconclusive.get(0).prerequisite() : null;
        Duration took = tests.stream().map(ConformanceReport.TestVerdict::duration).reduce(Duration.ZERO, Duration::plus);
        Instant begin = started == null ? clock.instant() : started;
        List<String> noted = new ArrayList<>(new LinkedHashSet<>(tests.stream()
                .flatMap(t -> t.notes().stream()).toList()));
        progress.purposeJudged(new PurposeJudged(m.purpose(), worst, prerequisite, took, done.incrementAndGet(),
                remaining.size(), Duration.between(begin, clock.instant()), noted));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        boolean ran = active && !runs.isEmpty();
        active = false;
        if (!ran) {
            return;
        }
        Instant finished = clock.instant();
        Path dir = Path.of(testPlan.getConfigurationParameters().get(REPORT_DIR).orElse(DEFAULT_DIR));
        List<ConformanceReport> made = new ArrayList<>();
        for (SuiteRun run : runs.values()) {
            ConformanceReport report = run.report(started, finished);
            made.add(report);
            Path target = runs.size() == 1 ? dir : dir.resolve(simpleName(run.className));
            try {
                ReportWriter.write(report, target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the conformance report to " + target, e);
            }
        }
        synchronized (reports) {
            reports.addAll(made);
        }
    }

    /** The reports of the last plan, one per class that ran the suites; empty before it finished. */
    public List<ConformanceReport> reports() {
        synchronized (reports) {
            return List.copyOf(reports);
        }
    }

    /** The conformance kit's version, filled in by the build ({@code unknown} if absent). */
    public static String kitVersion() {
        return ConformanceReport.thisKitVersion();
    }

    static Verdict verdict(TestExecutionResult.Status status, Throwable t) {
        return switch (status) {
            case SUCCESSFUL -> Verdict.PASS;
            case FAILED -> t instanceof AssertionFailedError ? Verdict.FAIL : Verdict.INCONCLUSIVE;
            case ABORTED -> t instanceof NotApplicable ? Verdict.NOT_APPLICABLE : Verdict.INCONCLUSIVE;
        };
    }

    /** The purpose whose failure made {@code t} inconclusive, if it is an {@link Inconclusive} that names one. */
    static String prerequisite(Throwable t) {
        return t instanceof Inconclusive i ? i.prerequisite().orElse(null) : null;
    }

    private static String evidence(Throwable t) {
        boolean expected = t instanceof AssertionFailedError || t instanceof TestAbortedException;
        if (expected) {
            return String.valueOf(t.getMessage());
        }
        StringBuilder sb = new StringBuilder("inconclusive: the test ended with an unexpected error: ").append(t);
        Arrays.stream(t.getStackTrace()).limit(8).forEach(f -> sb.append("\n    at ").append(f));
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append("\ncaused by: ").append(c);
        }
        return sb.toString();
    }

    private SuiteRun run(String className) {
        return runs.computeIfAbsent(className, SuiteRun::new);
    }

    private record PurposeMethod(String className, String purpose) {
        String key() {
            return className + "#" + purpose;
        }
    }

    /**
     * Whether {@code id} is the descriptor of a purpose's test method itself (a test, or the
     * container of a parameterized test's invocations), not one invocation of it.
     */
    private boolean isPurposeUnit(TestIdentifier id) {
        if (purposeMethod(id).isEmpty()) {
            return false;
        }
        TestPlan p = plan;
        Optional<TestIdentifier> parent = p == null ? Optional.empty() : p.getParent(id);
        return parent.isEmpty() || !(parent.get().getSource().orElse(null) instanceof MethodSource);
    }

    private static Optional<PurposeMethod> purposeMethod(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isEmpty() || !(source.get() instanceof MethodSource ms)) {
            return Optional.empty();
        }
        Method method;
        try {
            method = ms.getJavaMethod();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Purpose purpose = method.getAnnotation(Purpose.class);
        return purpose == null ? Optional.empty() : Optional.of(new PurposeMethod(ms.getClassName(), purpose.value()));
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
    }

    /** What one class's run of the suites collected. */
    private static final class SuiteRun {
        final String className;
        final Map<String, List<ConformanceReport.TestVerdict>> byPurpose = new java.util.LinkedHashMap<>();
        volatile Map<String, String> identity = Map.of();

        SuiteRun(String className) {
            this.className = className;
        }

        void identity(Map<String, String> kv) {
            identity = Map.copyOf(kv);
        }

        synchronized void add(String purpose, ConformanceReport.TestVerdict test) {
            byPurpose.computeIfAbsent(purpose, k -> new ArrayList<>()).add(test);
        }

        synchronized List<ConformanceReport.TestVerdict> tests(String purpose) {
            return List.copyOf(byPurpose.getOrDefault(purpose, List.of()));
        }

        synchronized ConformanceReport report(Instant started, Instant finished) {
            String caps = identity.getOrDefault(ConformanceExtension.CLIENT_CAPABILITIES, "");
            // The suites judge actively: the report lists the purposes that can be judged so.
            ConformanceReport.Builder b = ConformanceReport.builder(Catalogue.load().judgedBy(JudgedBy.ACTIVE))
                    .suite(className)
                    .client(identity.getOrDefault(ConformanceExtension.CLIENT_NAME, "(not declared)"),
                            identity.getOrDefault(ConformanceExtension.CLIENT_VERSION, "(not declared)"),
                            caps.isEmpty() ? List.of() : List.of(caps.split(",")))
                    .started(started).finished(finished);
            byPurpose.forEach((purpose, tests) -> tests.forEach(t -> b.test(purpose, t)));
            return b.build();
        }
    }
}
