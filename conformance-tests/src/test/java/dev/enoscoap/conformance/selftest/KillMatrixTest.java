package dev.enoscoap.conformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * a useful message. Writes the kill matrix to {@code target/kill-matrix.md} and fails when the
 * README's copy differs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillMatrixTest {
    private static final int PARALLEL = 4;
    private static final String README_START = "<!-- kill-matrix:start -->";
    private static final String README_END = "<!-- kill-matrix:end -->";

    /** One broken client's verdicts: purpose to verdict, and the failure messages per purpose. */
    record Judged(Map<String, String> verdicts, Map<String, List<String>> failures, List<String> errors, int exit) {
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
        List<Event> events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(BrokenClientSuite.class))
                .filters(new PurposeFilter(PurposeFilter.withPrerequisites(broken.selected())))
                .configurationParameter(BrokenClientSuite.CLIENT_PARAMETER, broken.name())
                .execute().testEvents().finished().list();
        Map<String, String> verdicts = new TreeMap<>();
        Map<String, List<String>> failures = new TreeMap<>();
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
        }
        return new Judged(verdicts, failures, errors, -1);
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
            JsonNode json = new ObjectMapper().readTree(reports.resolve("conformance-report.json").toFile());
            Map<String, String> verdicts = new TreeMap<>();
            Map<String, List<String>> failures = new TreeMap<>();
            List<String> errors = new ArrayList<>();
            for (JsonNode p : json.get("purposes")) {
                String verdict = p.get("verdict").asText();
                if (verdict.equals("NOT_RUN") || verdict.equals("NOT RUN")) {
                    continue;
                }
                verdicts.put(p.get("id").asText(), verdict.replace('_', ' '));
                if (verdict.equals("FAIL")) {
                    failures.put(p.get("id").asText(), List.of(p.get("evidence").asText()));
                }
                if (p.get("evidence").asText().contains("unexpected error")) {
                    errors.add(p.get("id").asText() + ": " + p.get("evidence").asText());
                }
            }
            return new Judged(verdicts, failures, errors, run.exit());
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
        }
        if (broken.client() instanceof BrokenClients.CommandLine) {
            boolean mustFailed = broken.failingPurposes().stream()
                    .anyMatch(p -> Catalogue.load().get(p).orElseThrow().must());
            assertThat(j.exit()).as("runner exit code").isEqualTo(mustFailed ? 1 : 0);
        }
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
        StringBuilder md = new StringBuilder("| broken client | kind | mistake | purposes that fail |\n|---|---|---|---|\n");
        for (BrokenClients.Broken b : BrokenClients.all()) {
            Judged j = judged.get(b.name());
            Set<String> failed = j == null ? Set.of() : new TreeSet<>(j.failures().keySet());
            md.append("| `").append(b.name()).append("` | ")
                    .append(b.client() instanceof BrokenClients.Java ? "Java" : "command line").append(" | ")
                    .append(b.mistake()).append(" | ").append(String.join(", ", failed)).append(" |\n");
        }
        List<String> uncaught = uncaught();
        md.append("\n").append(BrokenClients.all().size()).append(" broken clients. Purposes no broken client fails: ")
                .append(uncaught.isEmpty() ? "none" : String.join(", ", uncaught)).append('\n');
        return md.toString();
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
