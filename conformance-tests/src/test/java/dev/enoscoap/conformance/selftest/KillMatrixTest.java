package dev.enoscoap.conformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.conformance.cli.CommandLineConformanceSuite;
import dev.enoscoap.conformance.cli.RunnerHarness;
import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.JudgedBy;
import dev.enoscoap.conformance.suite.Purpose;
import dev.enoscoap.conformance.suite.PurposeFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Who tests the testers: each deliberately broken client is judged on the purposes it targets (and
 * the purposes they need), Java ones through {@code EngineTestKit}, command-line ones through the
 * real runner, independent clients in parallel. Exactly the expected purposes must fail, each with
 * a useful message. A command-line client the runner's preflight refuses (one that never returns)
 * must get exit code 2 and no report, and is then judged through the suites directly, so the matrix
 * shows both that the run never hangs and that the client never passes. Writes the kill matrix to
 * {@code target/kill-matrix.md} and fails when the README's copy differs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillMatrixTest {
    private static final int PARALLEL = 4;
    private static final String README_START = "<!-- kill-matrix:start -->";
    private static final String README_END = "<!-- kill-matrix:end -->";

    /**
     * One broken client's verdicts: purpose to verdict, the failure messages per purpose, the messages
     * of every FAIL and INCONCLUSIVE test per purpose, tests that ended in an error, and for a
     * command-line client what the runner did.
     */
    record Judged(Map<String, String> verdicts, Map<String, List<String>> failures, Map<String, List<String>> messages,
            List<String> errors, Runner runner) {
        Judged withRunner(Runner r) {
            return new Judged(verdicts, failures, messages, errors, r);
        }
    }

    /** What the runner printed and returned for a command-line client. */
    record Runner(int exit, String out, String err) {
    }

    private final Map<String, Judged> judged = new ConcurrentHashMap<>();
    private Path work;
    private Path scripts;
    private Path shim;

    @BeforeAll
    void judgeEveryBrokenClient() throws Exception {
        work = Files.createTempDirectory("enos-kill-matrix");
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<?>> runs = new ArrayList<>();
        String only = System.getProperty("killmatrix.only", "");
        for (BrokenClients.Broken broken : BrokenClients.all()) {
            if (!only.isEmpty() && !List.of(only.split(",")).contains(broken.name())) {
                continue;
            }
            runs.add(pool.submit(() -> judged.put(broken.name(), judge(broken))));
        }
        for (Future<?> f : runs) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
    }

    private Judged judge(BrokenClients.Broken broken) {
        return broken.client() instanceof BrokenClients.Java ? java(broken) : commandLine(broken);
    }

    private Judged java(BrokenClients.Broken broken) {
        return suites(BrokenClientSuite.class, Map.of(BrokenClientSuite.CLIENT_PARAMETER, broken.name()), broken.selected());
    }

    /** Runs {@code suite}'s tests of the {@code selected} purposes and the purposes they need through EngineTestKit. */
    private Judged suites(Class<?> suite, Map<String, String> configuration, Set<String> selected) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite))
                .filters(new PurposeFilter(PurposeFilter.withPrerequisites(selected)));
        configuration.forEach(kit::configurationParameter);
        List<Event> events = kit.execute().testEvents().finished().list();
        Map<String, String> verdicts = new TreeMap<>();
        Map<String, List<String>> failures = new TreeMap<>();
        Map<String, List<String>> messages = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (Event e : events) {
            TestExecutionResult result = e.getPayload(TestExecutionResult.class).orElseThrow();
            String purpose = purposeOf(e);
            Throwable t = result.getThrowable().orElse(null);
            String verdict = switch (result.getStatus()) {
                case SUCCESSFUL -> "PASS";
                case ABORTED -> t != null && t.getMessage() != null && t.getMessage().startsWith("not applicable")
                        ? "NOT APPLICABLE" : "INCONCLUSIVE";
                case FAILED -> t instanceof AssertionError ? "FAIL" : "ERROR";
            };
            verdicts.merge(purpose, verdict, KillMatrixTest::worst);
            if (verdict.equals("FAIL")) {
                failures.computeIfAbsent(purpose, k -> new ArrayList<>()).add(t.getMessage());
            } else if (verdict.equals("ERROR")) {
                errors.add(purpose + ": " + t);
            }
            if (verdict.equals("FAIL") || verdict.equals("INCONCLUSIVE")) {
                messages.computeIfAbsent(purpose, k -> new ArrayList<>()).add(String.valueOf(t.getMessage()));
            }
        }
        return new Judged(verdicts, failures, messages, errors, null);
    }

    private Judged commandLine(BrokenClients.Broken broken) {
        BrokenClients.CommandLine cl = (BrokenClients.CommandLine) broken.client();
        try {
            Path reports = Files.createDirectories(work.resolve("reports").resolve(broken.name().replaceAll("[^a-z0-9-]", "_")));
            Path tmp = Files.createDirectories(work.resolve("tmp").resolve(broken.name().replaceAll("[^a-z0-9-]", "_")));
            StringBuilder env = new StringBuilder("env LIBCOAP_SHIM=" + shim() + " TMPDIR=" + tmp);
            cl.env().forEach((k, v) -> env.append(' ').append(k).append('=').append(v));
            String template = env + " " + RunnerHarness.template(scripts().resolve(cl.script()), cl.secretArg());
            RunnerHarness.Run run = RunnerHarness.run("--client-cmd", template, "--capabilities", BrokenClients.SHIM_CAPABILITIES,
                    "--client-name", broken.name(), "--timeout", Integer.toString(cl.timeoutSeconds()),
                    "--purposes", String.join(",", broken.selected()), "--report", reports.toString());
            Runner runner = new Runner(run.exit(), run.out(), run.err());
            Path json = reports.resolve("conformance-report.json");
            if (run.exit() == 2 && !Files.exists(json)) {
                // The preflight refused the client and nothing was judged: judge the same client through the
                // suites, as a vendor's build would run CommandLineConformanceSuite.
                return suites(CommandLineConformanceSuite.class, Map.of(CommandLineConformanceSuite.CMD, template,
                        CommandLineConformanceSuite.CAPABILITIES, BrokenClients.SHIM_CAPABILITIES,
                        CommandLineConformanceSuite.NAME, broken.name(),
                        CommandLineConformanceSuite.TIMEOUT, Integer.toString(cl.timeoutSeconds())),
                        broken.selected()).withRunner(runner);
            }
            Map<String, String> verdicts = new TreeMap<>();
            Map<String, List<String>> failures = new TreeMap<>();
            Map<String, List<String>> messages = new TreeMap<>();
            List<String> errors = new ArrayList<>();
            for (JsonNode p : new ObjectMapper().readTree(json.toFile()).get("purposes")) {
                String verdict = p.get("verdict").asText();
                if (verdict.equals("NOT_RUN") || verdict.equals("NOT RUN")) {
                    continue;
                }
                String id = p.get("id").asText();
                String evidence = p.get("evidence").asText();
                verdicts.put(id, verdict.replace('_', ' '));
                if (verdict.equals("FAIL")) {
                    failures.put(id, List.of(evidence));
                }
                if (verdict.equals("FAIL") || verdict.equals("INCONCLUSIVE")) {
                    messages.put(id, List.of(evidence));
                }
                if (evidence.contains("unexpected error")) {
                    errors.add(id + ": " + evidence);
                }
            }
            return new Judged(verdicts, failures, messages, errors, runner);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String worst(String a, String b) {
        List<String> order = List.of("ERROR", "FAIL", "INCONCLUSIVE", "PASS", "NOT APPLICABLE");
        return order.indexOf(a) <= order.indexOf(b) ? a : b;
    }

    private synchronized Path scripts() throws IOException {
        if (scripts == null) {
            Path dir = Files.createDirectories(work.resolve("broken-clients"));
            for (String name : List.of("exit-3-on-failure.sh", "always-2.04.sh", "libcoap-shim.sh", "fake-coap-client.sh",
                    "silent-success.sh", "hangs.sh", "garbage.sh", "noisy-stderr.sh", "dtls-1.0.sh")) {
                try (InputStream in = KillMatrixTest.class.getResourceAsStream("/broken-clients/" + name)) {
                    Files.copy(in, dir.resolve(name));
                }
                dir.resolve(name).toFile().setExecutable(true);
            }
            scripts = dir;
        }
        return scripts;
    }

    private synchronized Path shim() throws IOException {
        if (shim == null) {
            shim = RunnerHarness.libcoapShim(Files.createDirectories(work.resolve("shim")));
        }
        return shim;
    }

    private static String purposeOf(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                .map(s -> ((org.junit.platform.engine.support.descriptor.MethodSource) s).getJavaMethod()
                        .getAnnotation(Purpose.class).value())
                .orElse("?");
    }

    static Stream<BrokenClients.Broken> brokenClients() {
        return BrokenClients.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenClients")
    void exactlyTheExpectedPurposesFailWithAUsefulMessage(BrokenClients.Broken broken) {
        Judged j = judged.get(broken.name());
        org.junit.jupiter.api.Assumptions.assumeTrue(j != null, "not run (killmatrix.only)");
        assertThat(j.errors()).as("tests that ended in an error instead of a verdict").isEmpty();
        assertThat(j.failures().keySet()).as("purposes failed by %s (%s); verdicts %s; messages: %s", broken.name(),
                broken.mistake(), j.verdicts(), j.failures()).containsExactlyInAnyOrderElementsOf(broken.failingPurposes());
        broken.failures().forEach((purpose, fragment) -> assertThat(j.failures().get(purpose)).allSatisfy(message -> {
            assertThat(message).contains(purpose + " · EC-", " · expected: ", " · observed: ", fragment,
                    "journal of coaps://127.0.0.1:");
        }));
        if (broken.neverPasses()) {
            assertThat(j.verdicts()).as("a client that never talks to the server never passes").doesNotContainValue("PASS");
            assertThat(j.verdicts().keySet()).as("a client that never talks to the server is judged on every purpose")
                    .containsExactlyInAnyOrderElementsOf(Catalogue.load().judgedBy(JudgedBy.ACTIVE).all().keySet());
        }
        if (broken.client() instanceof BrokenClients.CommandLine cl) {
            Runner runner = j.runner();
            if (cl.preflightRefusal() != null) {
                assertThat(runner.exit()).as("runner exit code: the preflight refuses it; output:%n%s%n%s", runner.out(),
                        runner.err()).isEqualTo(2);
                assertThat(runner.err()).contains("the client command cannot be judged; no purpose was run and no report "
                        + "written", "got:     " + cl.preflightRefusal());
                assertThat(runner.out()).as("no verdict from the runner").doesNotContainPattern("\\[ ?\\d+/\\d+]")
                        .doesNotContain("gate:");
                stopsAtTheTimeLimitOnEveryPurpose(j, cl);
            } else {
                boolean mustFailed = broken.failingPurposes().stream()
                        .anyMatch(p -> Catalogue.load().get(p).orElseThrow().must());
                assertThat(runner.out()).as("the runner's preflight let it through and judged it")
                        .containsPattern("preflight: connect as demoProduct/dev01 exited \\d+ in ");
                assertThat(runner.exit()).as("runner exit code; output:%n%s%n%s", runner.out(), runner.err())
                        .isEqualTo(mustFailed ? 1 : 0);
            }
        }
    }

    /**
     * A client that never returns, judged through the suites: every purpose it declares the
     * capabilities for ends FAIL or INCONCLUSIVE, and its message says the client did not return in time.
     */
    private static void stopsAtTheTimeLimitOnEveryPurpose(Judged j, BrokenClients.CommandLine cl) {
        Set<String> declared = Set.of(BrokenClients.SHIM_CAPABILITIES.split(","));
        String timedOut = "did not finish within " + cl.timeoutSeconds() + " s and was stopped";
        j.verdicts().forEach((purpose, verdict) -> {
            boolean applicable = Catalogue.load().get(purpose).orElseThrow().capabilities().stream()
                    .allMatch(c -> declared.contains(c.name()));
            if (!applicable) {
                assertThat(verdict).as("%s needs a capability the client does not declare", purpose)
                        .isEqualTo("NOT APPLICABLE");
                return;
            }
            assertThat(verdict).as("verdict of %s", purpose).isIn("FAIL", "INCONCLUSIVE");
            assertThat(j.messages().get(purpose)).as("messages of %s", purpose)
                    .isNotEmpty().allSatisfy(m -> assertThat(m).contains(timedOut));
        });
    }

    @Test
    void thereAreAtLeastFortyBrokenClients() {
        assertThat(BrokenClients.all()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(BrokenClients.all().stream().map(BrokenClients.Broken::name).distinct()).hasSameSizeAs(BrokenClients.all());
    }

    @Test
    void everyPurposeIsCaughtBySomeBrokenClient() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("killmatrix.only", "").isEmpty(),
                "only some broken clients ran (killmatrix.only)");
        assertThat(uncaught()).as("purposes no broken client fails").isEmpty();
    }

    private List<String> uncaught() {
        Set<String> caught = new TreeSet<>();
        judged.values().forEach(j -> caught.addAll(j.failures().keySet()));
        return Catalogue.load().judgedBy(JudgedBy.ACTIVE).all().keySet().stream().filter(p -> !caught.contains(p)).toList();
    }

    /** The kill matrix as the README shows it. */
    private String matrix() {
        StringBuilder md = new StringBuilder("| broken client | kind | mistake | purposes that fail | runner |\n"
                + "|---|---|---|---|---|\n");
        for (BrokenClients.Broken b : BrokenClients.all()) {
            Judged j = judged.get(b.name());
            Set<String> failed = j == null ? Set.of() : new TreeSet<>(j.failures().keySet());
            md.append("| `").append(b.name()).append("` | ")
                    .append(b.client() instanceof BrokenClients.Java ? "Java" : "command line").append(" | ")
                    .append(b.mistake()).append(" | ").append(String.join(", ", failed)).append(" | ")
                    .append(runnerColumn(b, j)).append(" |\n");
        }
        List<String> uncaught = uncaught();
        md.append("\n").append(BrokenClients.all().size()).append(" broken clients. Purposes no broken client fails: ")
                .append(uncaught.isEmpty() ? "none" : String.join(", ", uncaught)).append('\n');
        return md.toString();
    }

    /** What the runner did with a command-line client: its exit code, and for a preflight refusal why. */
    private static String runnerColumn(BrokenClients.Broken b, Judged j) {
        if (!(b.client() instanceof BrokenClients.CommandLine cl) || j == null || j.runner() == null) {
            return "–";
        }
        if (j.runner().exit() == 2) {
            return "exit 2, no report: the preflight refused it (" + (cl.preflightRefusal() == null ? "unexpectedly"
                    : cl.preflightRefusal()) + "); the suites judged it directly";
        }
        return "exit " + j.runner().exit();
    }

    /** Writes the matrix for the README, and fails when the README's copy differs. */
    @AfterAll
    void writeKillMatrixAndCompareWithTheReadme() throws Exception {
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        if (!System.getProperty("killmatrix.only", "").isEmpty()) {
            return;
        }
        String md = matrix();
        Path out = Path.of("target", "kill-matrix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int start = text.indexOf(README_START);
        int end = text.indexOf(README_END);
        assertThat(start).as("README.md marks the kill matrix with %s and %s", README_START, README_END).isNotNegative();
        String current = text.substring(start + README_START.length(), end).strip() + "\n";
        if (!current.equals(md) && Boolean.getBoolean("killmatrix.update")) {
            Files.writeString(readme, text.substring(0, start + README_START.length()) + "\n" + md + text.substring(end));
            return;
        }
        assertThat(current).as("README.md's kill matrix differs from conformance-tests/target/kill-matrix.md, which "
                + "this build wrote; copy it between the kill-matrix markers, or run the build once with "
                + "-Dkillmatrix.update=true").isEqualTo(md);
    }
}
