package dev.enoscoap.conformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.Purpose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;
import org.junit.platform.testkit.engine.Events;

/**
 * Who tests the testers: every suite runs against each deliberately broken client, and exactly
 * the expected purposes must fail, each with a useful message. Writes the kill matrix to
 * {@code target/kill-matrix.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillMatrixTest {
    private final Map<String, Map<String, List<String>>> failures = new ConcurrentHashMap<>();
    private final Map<String, List<String>> errors = new ConcurrentHashMap<>();

    /** The verdict messages per purpose of one run. */
    @BeforeAll
    void runEverySuiteAgainstEveryBrokenClient() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> runs = new ArrayList<>();
        for (BrokenClients.Broken broken : BrokenClients.all()) {
            runs.add(pool.submit(() -> run(broken)));
        }
        for (Future<?> f : runs) {
            f.get(10, TimeUnit.MINUTES);
        }
        pool.shutdown();
    }

    private void run(BrokenClients.Broken broken) {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(BrokenClientSuite.class))
                .configurationParameter(BrokenClientSuite.CLIENT_PARAMETER, broken.name())
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
                .execute().testEvents();
        Map<String, List<String>> byPurpose = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        for (Event e : events.finished().list()) {
            TestExecutionResult result = e.getPayload(TestExecutionResult.class).orElseThrow();
            if (result.getStatus() != TestExecutionResult.Status.FAILED) {
                continue;
            }
            Throwable t = result.getThrowable().orElseThrow();
            if (t instanceof AssertionError) {
                byPurpose.computeIfAbsent(purposeOf(e), k -> new ArrayList<>()).add(t.getMessage());
            } else {
                unexpected.add(purposeOf(e) + ": " + t);
            }
        }
        failures.put(broken.name(), byPurpose);
        errors.put(broken.name(), unexpected);
    }

    private static String purposeOf(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                .map(s -> ((org.junit.platform.engine.support.descriptor.MethodSource) s).getJavaMethod().getAnnotation(Purpose.class).value())
                .orElse("?");
    }

    static Stream<BrokenClients.Broken> brokenClients() {
        return BrokenClients.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenClients")
    void exactlyTheExpectedPurposesFailWithAUsefulMessage(BrokenClients.Broken broken) {
        Map<String, List<String>> failed = failures.get(broken.name());
        assertThat(errors.get(broken.name())).as("tests that ended in an error instead of a verdict").isEmpty();
        assertThat(failed.keySet()).as("purposes failed by %s (%s); messages: %s", broken.name(), broken.mistake(), failed)
                .containsExactlyInAnyOrderElementsOf(broken.failingPurposes());
        broken.failures().forEach((purpose, fragment) -> assertThat(failed.get(purpose)).allSatisfy(message -> {
            assertThat(message).startsWith(purpose + " · EC-");
            assertThat(message).contains(" · expected: ", " · observed: ", fragment, "journal of coaps://127.0.0.1:");
        }));
    }

    @org.junit.jupiter.api.Test
    void everyPurposeIsCaughtBySomeBrokenClient() {
        assertThat(uncaught()).as("purposes no broken client fails").isEmpty();
    }

    private List<String> uncaught() {
        TreeSet<String> caught = new TreeSet<>();
        failures.values().forEach(m -> caught.addAll(m.keySet()));
        return Catalogue.load().all().keySet().stream().filter(p -> !caught.contains(p)).toList();
    }

    /** The kill matrix for the README. */
    @AfterAll
    void writeKillMatrix() throws Exception {
        StringBuilder md = new StringBuilder("| broken client | mistake | purposes that fail |\n|---|---|---|\n");
        for (BrokenClients.Broken b : BrokenClients.all()) {
            Map<String, List<String>> failed = failures.getOrDefault(b.name(), Map.of());
            md.append("| `").append(b.name()).append("` | ").append(b.mistake()).append(" | ")
                    .append(String.join(", ", new TreeSet<>(failed.keySet()))).append(" |\n");
        }
        List<String> uncaught = uncaught();
        md.append("\nPurposes no broken client fails: ").append(uncaught.isEmpty() ? "none" : String.join(", ", uncaught))
                .append('\n');
        Path out = Path.of("target", "kill-matrix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
    }

}
