package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;

import dev.enoscoap.junit.EnosCoapServer.Scope;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Classes and methods run concurrently, on shared, per-class and per-test servers: no port clash,
 * and every test sees exactly its own device's handshakes and requests.
 */
class ParallelExecutionTest {
    static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");
    private static final int TESTS_PER_CLASS = 4;
    private static final Class<?>[] CLASSES = {SharedA.class, SharedB.class, SharedC.class, PerClass.class,
            PerTest.class};

    @Test
    void concurrentClassesAndMethodsPassWithoutPortClashOrCrossTalk() {
        EngineExecutionResults results = Runs.run(PARALLEL, CLASSES);

        assertThat(Runs.failureMessages(results)).isEmpty();
        results.testEvents().assertStatistics(s -> s.succeeded(CLASSES.length * TESTS_PER_CLASS).failed(0));
        List<Map<String, String>> reports = Runs.reports(results);
        assertThat(reports).hasSize(CLASSES.length * TESTS_PER_CLASS);
        Map<String, List<String>> serversByKind = reports.stream().collect(Collectors.groupingBy(
                r -> r.get("kind"), Collectors.mapping(r -> r.get("server"), Collectors.toList())));
        assertThat(serversByKind.get("shared")).hasSize(3 * TESTS_PER_CLASS).containsOnly(
                serversByKind.get("shared").get(0));
        assertThat(serversByKind.get("perClass")).containsOnly(serversByKind.get("perClass").get(0))
                .doesNotContain(serversByKind.get("shared").get(0));
        assertThat(serversByKind.get("perTest")).doesNotHaveDuplicates();
        assertThat(reports.stream().map(r -> r.get("thread")).distinct().count()).as("tests ran on several threads")
                .isGreaterThan(1);
        assertThat(reports).extracting(r -> r.get("port")).map(Integer::parseInt)
                .allSatisfy(port -> assertThat(port).isPositive().isNotEqualTo(5684));
    }

    /** What each concurrent test does: its own device, a few requests, and a check that it saw only those. */
    static void connectAndCheck(EnosTestServer server, DeviceCredentials device, int requests, String kind,
            TestReporter reporter) {
        String topic = "/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/thing/measurepoint/post";
        try (TestDevice client = Clients.connect(server, device)) {
            for (int i = 0; i < requests; i++) {
                assertThat(client.post(topic, "{\"id\":\"" + i + "\"}")).isNotNull();
            }
        }
        server.await().untilRequests(device, requests);
        assertThat(server.journal()).hasAcceptedHandshake(device).hasNoRefusedHandshake(device)
                .hasRequestCount(device, requests).hasOnline(device);
        assertThat(server.journal().handshakes(device.id())).hasSize(1).allMatch(HandshakeEntry::accepted);
        assertThat(server.journal().exchanges(device.id())).extracting(ExchangeEntry::path).containsOnly(topic);
        reporter.publishEntry(Map.of("kind", kind,
                "server", System.identityHashCode(server.mockServer()) + "@" + server.port(),
                "port", String.valueOf(server.port()),
                "thread", Thread.currentThread().getName()));
    }

    @EnosCoapServer(scope = Scope.SHARED)
    static class SharedA {
        @RepeatedTest(TESTS_PER_CLASS)
        void test(EnosTestServer server, @FreshDevice DeviceCredentials device, RepetitionInfo info,
                TestReporter reporter) {
            connectAndCheck(server, device, info.getCurrentRepetition(), "shared", reporter);
        }
    }

    @EnosCoapServer(scope = Scope.SHARED)
    static class SharedB {
        @RepeatedTest(TESTS_PER_CLASS)
        void test(EnosTestServer server, @FreshDevice DeviceCredentials device, RepetitionInfo info,
                TestReporter reporter) {
            connectAndCheck(server, device, info.getCurrentRepetition(), "shared", reporter);
        }
    }

    @EnosCoapServer(scope = Scope.SHARED)
    static class SharedC {
        @RepeatedTest(TESTS_PER_CLASS)
        void test(EnosTestServer server, @FreshDevice DeviceCredentials device, RepetitionInfo info,
                TestReporter reporter) {
            connectAndCheck(server, device, info.getCurrentRepetition(), "shared", reporter);
        }
    }

    @EnosCoapServer
    static class PerClass {
        @RepeatedTest(TESTS_PER_CLASS)
        void test(EnosTestServer server, @FreshDevice DeviceCredentials device, RepetitionInfo info,
                TestReporter reporter) {
            connectAndCheck(server, device, info.getCurrentRepetition(), "perClass", reporter);
        }
    }

    @EnosCoapServer(scope = Scope.PER_TEST)
    static class PerTest {
        @RepeatedTest(TESTS_PER_CLASS)
        void test(EnosTestServer server, @FreshDevice DeviceCredentials device, RepetitionInfo info,
                TestReporter reporter) {
            connectAndCheck(server, device, info.getCurrentRepetition(), "perTest", reporter);
        }
    }
}
