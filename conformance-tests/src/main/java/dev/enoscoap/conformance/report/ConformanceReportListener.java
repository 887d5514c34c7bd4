package dev.enoscoap.conformance.report;

import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.ConformanceExtension;
import dev.enoscoap.conformance.suite.Inconclusive;
import dev.enoscoap.conformance.suite.NotApplicable;
import dev.enoscoap.conformance.suite.Purpose;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
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
 * Writes the conformance report: {@code conformance-report.json} and a self-contained
 * {@code conformance-report.html}, one row per test purpose of the catalogue, with the kit
 * version and the client's declared identity.
 *
 * <p>Registered through {@code META-INF/services}, so Surefire and the conformance runner load it
 * by themselves. It looks only at tests whose method carries {@link Purpose}:
 * <ul>
 * <li>successful: {@link Verdict#PASS}</li>
 * <li>failed with {@link AssertionFailedError}: {@link Verdict#FAIL}</li>
 * <li>aborted with {@link NotApplicable}: {@link Verdict#NOT_APPLICABLE}</li>
 * <li>aborted with {@link Inconclusive} or anything else, or failed with any other exception:
 * {@link Verdict#INCONCLUSIVE} (an unexpected error proves nothing about the client)</li>
 * <li>skipped (e.g. disabled): {@link Verdict#NOT_APPLICABLE} with the reason</li>
 * </ul>
 * A purpose judged by several tests takes the worst verdict: FAIL, INCONCLUSIVE, PASS,
 * NOT_APPLICABLE. Purposes of the catalogue that no test judged are {@link Verdict#NOT_RUN}.
 *
 * <p>Reports go to the directory in configuration parameter {@value #REPORT_DIR} (default
 * {@value #DEFAULT_DIR}). When the plan ran the suites for several classes (several clients),
 * each gets a sub-directory named after its class. Nothing is written when no purpose test ran.
 */
public class ConformanceReportListener implements TestExecutionListener {
    /** Configuration parameter: the directory of the reports. */
    public static final String REPORT_DIR = "enos.conformance.report.dir";
    /** The directory when {@value #REPORT_DIR} is not set, relative to the working directory. */
    public static final String DEFAULT_DIR = "target/conformance";

    private final Map<String, SuiteRun> runs = new ConcurrentHashMap<>();
    private final List<ConformanceReport> reports = new ArrayList<>();
    private volatile TestPlan plan;
    private volatile Instant started;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        started = Instant.now();
        runs.clear();
        synchronized (reports) {
            reports.clear();
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        Map<String, String> kv = entry.getKeyValuePairs();
        if (!kv.containsKey(ConformanceExtension.CLIENT_NAME)) {
            return;
        }
        purposeMethod(id).ifPresent(m -> run(m.className()).identity(kv));
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        purposeMethod(id).ifPresent(m -> run(m.className()).add(m.purpose(), id.getDisplayName(),
                Verdict.NOT_APPLICABLE, "skipped: " + reason));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest()) {
            return;
        }
        purposeMethod(id).ifPresent(m -> {
            Throwable t = result.getThrowable().orElse(null);
            Verdict verdict = verdict(result.getStatus(), t);
            String evidence = t == null ? "" : evidence(verdict, t);
            run(m.className()).add(m.purpose(), id.getDisplayName(), verdict, evidence);
        });
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (runs.isEmpty()) {
            return;
        }
        Instant finished = Instant.now();
        Path dir = Path.of(testPlan.getConfigurationParameters().get(REPORT_DIR).orElse(DEFAULT_DIR));
        List<ConformanceReport> made = new ArrayList<>();
        for (SuiteRun run : runs.values()) {
            ConformanceReport report = run.report(kitVersion(), started, finished);
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

    static Verdict verdict(TestExecutionResult.Status status, Throwable t) {
        return switch (status) {
            case SUCCESSFUL -> Verdict.PASS;
            case FAILED -> t instanceof AssertionFailedError ? Verdict.FAIL : Verdict.INCONCLUSIVE;
            case ABORTED -> t instanceof NotApplicable ? Verdict.NOT_APPLICABLE : Verdict.INCONCLUSIVE;
        };
    }

    private static String evidence(Verdict verdict, Throwable t) {
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

    /** The conformance kit's version, filled in by the build ({@code unknown} if absent). */
    public static String kitVersion() {
        try (InputStream in = ConformanceReportListener.class.getResourceAsStream("kit-version.properties")) {
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

    /** What one class's run of the suites collected. */
    private static final class SuiteRun {
        final String className;
        final Map<String, List<TestVerdict>> byPurpose = new LinkedHashMap<>();
        volatile Map<String, String> identity = Map.of();

        SuiteRun(String className) {
            this.className = className;
        }

        void identity(Map<String, String> kv) {
            identity = Map.copyOf(kv);
        }

        synchronized void add(String purpose, String displayName, Verdict verdict, String evidence) {
            byPurpose.computeIfAbsent(purpose, k -> new ArrayList<>()).add(new TestVerdict(displayName, verdict, evidence));
        }

        synchronized ConformanceReport report(String kitVersion, Instant started, Instant finished) {
            Catalogue catalogue = Catalogue.load();
            List<ConformanceReport.PurposeVerdict> rows = new ArrayList<>();
            for (Catalogue.Entry e : catalogue.all().values()) {
                rows.add(row(e.id(), e.level().name(), e.title(), e.clause(), e.quote(), e, byPurpose.get(e.id())));
            }
            byPurpose.forEach((id, tests) -> {
                if (catalogue.get(id).isEmpty()) {
                    rows.add(row(id, "MUST", "(not in the catalogue)", "", "", null, tests));
                }
            });
            String caps = identity.getOrDefault(ConformanceExtension.CLIENT_CAPABILITIES, "");
            return new ConformanceReport(kitVersion, className,
                    identity.getOrDefault(ConformanceExtension.CLIENT_NAME, "(not declared)"),
                    identity.getOrDefault(ConformanceExtension.CLIENT_VERSION, "(not declared)"),
                    caps.isEmpty() ? List.of() : List.of(caps.split(",")), started, finished, rows);
        }

        private static ConformanceReport.PurposeVerdict row(String id, String level, String title, String clause,
                String quote, Catalogue.Entry entry, List<TestVerdict> tests) {
            if (tests == null || tests.isEmpty()) {
                return new ConformanceReport.PurposeVerdict(id, level, title, clause, quote, Verdict.NOT_RUN,
                        "not selected in this run", 0, "");
            }
            Verdict worst = tests.stream().map(TestVerdict::verdict).reduce(Verdict.NOT_RUN, Verdict::worst);
            StringBuilder evidence = new StringBuilder();
            for (TestVerdict t : tests) {
                if (t.verdict() != worst || t.evidence().isEmpty()) {
                    continue;
                }
                if (evidence.length() > 0) {
                    evidence.append("\n\n");
                }
                if (tests.size() > 1) {
                    evidence.append("[").append(t.displayName()).append("]\n");
                }
                evidence.append(t.evidence());
            }
            if (tests.size() > 1) {
                long same = tests.stream().filter(t -> t.verdict() == worst).count();
                String head = same + " of " + tests.size() + " tests " + worst.label();
                evidence.insert(0, evidence.length() == 0 ? head : head + "\n\n");
            }
            return new ConformanceReport.PurposeVerdict(id, level, title, clause, quote, worst, meaning(entry, worst),
                    tests.size(), evidence.toString());
        }

        private static String meaning(Catalogue.Entry entry, Verdict verdict) {
            if (entry == null) {
                return "";
            }
            return switch (verdict) {
                case PASS -> entry.pass();
                case FAIL -> entry.fail();
                case NOT_APPLICABLE -> entry.notApplicable();
                case INCONCLUSIVE -> "not judged: a prerequisite failed or the client did not answer in time";
                case NOT_RUN -> "not selected in this run";
            };
        }
    }

    private record TestVerdict(String displayName, Verdict verdict, String evidence) {
    }
}
