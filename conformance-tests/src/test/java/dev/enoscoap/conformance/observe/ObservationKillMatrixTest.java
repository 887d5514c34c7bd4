package dev.enoscoap.conformance.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.conformance.device.ReferenceDevice;
import dev.enoscoap.conformance.report.ConformanceReport;
import dev.enoscoap.conformance.report.Verdict;
import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.JudgedBy;
import dev.enoscoap.mock.EnosMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who judges the watchers: each deliberately broken device runs on its own against a mock of its
 * own (an ephemeral port), judged by an observation session on only the plan stages it targets; all
 * at once. Exactly the expected purposes must fail, each with a message naming the purpose, the
 * clause, what was expected and what was observed. Writes the matrix to
 * {@code target/observation-kill-matrix.md} and fails when the README's copy differs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservationKillMatrixTest {
    private static final String README_START = "<!-- observation-kill-matrix:start -->";
    private static final String README_END = "<!-- observation-kill-matrix:end -->";
    private static final String ONLY = System.getProperty("observation.killmatrix.only", "");
    /** Sessions at once: enough to overlap the waits, few enough that scheduling does not blur retransmission timings. */
    private static final int PARALLEL = 10;

    /** One broken device's verdicts and failure messages. */
    record Judged(Map<String, Verdict> verdicts, Map<String, String> failures, List<String> errors) {
    }

    private final Map<String, Judged> judged = new ConcurrentHashMap<>();
    private long wallMillis;

    @BeforeAll
    void judgeEveryBrokenDeviceAtOnce() throws Exception {
        long start = System.nanoTime();
        // The longest sessions (a device sending into a forgotten session for 100 s, a lapsing Lifetime) start first.
        List<BrokenDevices.Broken> run = BrokenDevices.all().stream()
                .filter(b -> ONLY.isEmpty() || List.of(ONLY.split(",")).contains(b.name()))
                .sorted(java.util.Comparator.comparing(b -> !b.targets().contains("ENOS-ROB-03")
                        && !b.targets().contains("ENOS-LT-06"))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<?>> futures = new ArrayList<>();
        for (BrokenDevices.Broken b : run) {
            futures.add(pool.submit(() -> judged.put(b.name(), judge(b))));
        }
        for (Future<?> f : futures) {
            f.get(6, TimeUnit.MINUTES);
        }
        pool.shutdown();
        wallMillis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("observation kill matrix: %d broken devices judged, %d at a time, in %.1f s%n", run.size(), PARALLEL,
                wallMillis / 1000.0);
    }

    private static Judged judge(BrokenDevices.Broken b) {
        ObservationPlan plan = ObservationPlan.defaultPlan().only(b.targets());
        try (EnosMockServer mock = EnosMockServer.builder().start();
             ObservationSession session = ObservationSession.builder().server(mock).device(b.device()).plan(plan)
                     .capabilities(b.capabilities()).client(b.name(), "broken").timeLimit(Duration.ofMinutes(5)).start();
             ReferenceDevice device = ReferenceDevice.builder().server(mock.coapsUri()).device(b.device())
                     .deviceSecret(b.activates() ? null : BrokenDevices.DEVICE_SECRET)
                     .productSecret(BrokenDevices.PRODUCT_SECRET).lifetime(b.lifetime()).interval(b.interval())
                     .behaviour(b.behaviour()).start()) {
            ConformanceReport r = session.awaitVerdicts(Duration.ofMinutes(5)).report();
            Map<String, Verdict> verdicts = new TreeMap<>();
            Map<String, String> failures = new TreeMap<>();
            List<String> errors = new ArrayList<>();
            for (ConformanceReport.PurposeVerdict p : r.purposes()) {
                if (p.verdict() == Verdict.NOT_RUN) {
                    continue;
                }
                verdicts.put(p.id(), p.verdict());
                if (p.verdict() == Verdict.FAIL) {
                    failures.put(p.id(), p.evidence());
                }
                if (!ONLY.isEmpty()) {
                    System.out.println(b.name() + " " + p.id() + " " + p.verdict() + ": " + p.evidence());
                }
                if (p.evidence().contains("failed unexpectedly")) {
                    errors.add(p.id() + ": " + p.evidence());
                }
            }
            return new Judged(verdicts, failures, errors);
        }
    }

    static Stream<BrokenDevices.Broken> brokenDevices() {
        return BrokenDevices.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDevices")
    void exactlyTheExpectedPurposesFailWithAUsefulMessage(BrokenDevices.Broken b) {
        Judged j = judged.get(b.name());
        Assumptions.assumeTrue(j != null, "not run (observation.killmatrix.only)");
        assertThat(j.errors()).as("judgements that ended in an error instead of a verdict").isEmpty();
        assertThat(j.failures().keySet()).as("purposes failed by %s (%s); verdicts %s; messages: %s", b.name(),
                b.mistake(), j.verdicts(), j.failures()).containsExactlyInAnyOrderElementsOf(b.failures().keySet());
        b.failures().forEach((purpose, fragment) -> assertThat(j.failures().get(purpose)).contains(purpose + " · EC-",
                " · expected: ", " · observed: ", fragment, "journal of coaps://127.0.0.1:"));
        assertThat(j.verdicts()).as("every purpose judged has a verdict").doesNotContainValue(Verdict.NOT_RUN);
    }

    @Test
    void thereAreAtLeastTwentyBrokenDevicesEachWithItsOwnName() {
        assertThat(BrokenDevices.all()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(BrokenDevices.all().stream().map(BrokenDevices.Broken::name).distinct())
                .hasSameSizeAs(BrokenDevices.all());
    }

    private List<String> uncaught() {
        Set<String> caught = new TreeSet<>();
        judged.values().forEach(j -> caught.addAll(j.failures().keySet()));
        return Catalogue.load().judgedBy(JudgedBy.OBSERVATION).all().keySet().stream()
                .filter(p -> !caught.contains(p)).toList();
    }

    /** The kill matrix as the README shows it. */
    private String matrix() {
        StringBuilder md = new StringBuilder("| broken device | mistake | judged on | purposes that fail |\n"
                + "|---|---|---|---|\n");
        for (BrokenDevices.Broken b : BrokenDevices.all()) {
            Judged j = judged.get(b.name());
            Set<String> failed = j == null ? Set.of() : new TreeSet<>(j.failures().keySet());
            md.append("| `").append(b.name()).append("` | ").append(b.mistake()).append(" | ")
                    .append(String.join(", ", b.targets())).append(" | ").append(String.join(", ", failed)).append(" |\n");
        }
        List<String> uncaught = uncaught();
        md.append("\n").append(BrokenDevices.all().size()).append(" broken devices. Purposes judged by observation that "
                + "no broken device fails: ").append(uncaught.isEmpty() ? "none" : String.join(", ", uncaught))
                .append('\n');
        return md.toString();
    }

    /** Writes the matrix for the README, and fails when the README's copy differs. */
    @AfterAll
    void writeTheMatrixAndCompareWithTheReadme() throws Exception {
        if (!ONLY.isEmpty()) {
            return;
        }
        String md = matrix();
        Path out = Path.of("target", "observation-kill-matrix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int start = text.indexOf(README_START);
        int end = text.indexOf(README_END);
        assertThat(start).as("README.md marks the observation kill matrix with %s and %s", README_START, README_END)
                .isNotNegative();
        String current = text.substring(start + README_START.length(), end).strip() + "\n";
        if (!current.equals(md) && Boolean.getBoolean("observation.killmatrix.update")) {
            Files.writeString(readme, text.substring(0, start + README_START.length()) + "\n" + md + text.substring(end));
            return;
        }
        assertThat(current).as("README.md's observation kill matrix differs from "
                + "conformance-tests/target/observation-kill-matrix.md, which this build wrote; copy it between the "
                + "markers, or run the build once with -Dobservation.killmatrix.update=true").isEqualTo(md);
    }
}
