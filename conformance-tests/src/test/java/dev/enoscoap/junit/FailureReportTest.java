package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.enoscoap.junit.EnosCoapServer.Scope;
import dev.enoscoap.mock.TestDevice;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * When a test fails, what the mock saw while it ran is published as a report entry and shows in
 * the failure itself; only then, only the test's own entries, and bounded.
 */
class FailureReportTest {

    @Test
    void aFailingTestPublishesWhatTheServerSawWhileItRanAndAttachesItToTheFailure() {
        EngineExecutionResults results = Runs.run(FailsAfterTheDeviceConnected.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(1));

        List<Map<String, String>> reports = Runs.reports(results);
        assertThat(reports).singleElement().satisfies(entry -> {
            String journal = entry.get(FailureJournal.REPORT_KEY);
            assertThat(journal).startsWith("the mock server at coaps://127.0.0.1:")
                    .contains("handshake", "fresh-", "ONLINE", "request POST /topic/sys/demoProduct/fresh-")
                    .doesNotContain("the-passing-test"); // the other test's entries are not this test's
        });
        Throwable failure = failureOf(results);
        assertThat(failure).hasMessageContaining("the device did something unexpected");
        assertThat(failure.getSuppressed()).singleElement().satisfies(s -> {
            assertThat(s.getMessage()).isEqualTo(reports.get(0).get(FailureJournal.REPORT_KEY));
            assertThat(s.getStackTrace()).isEmpty();
            assertThat(s.toString()).startsWith("EnOS mock journal: the mock server at coaps://");
        });
    }

    @Test
    void passingAndAbortedTestsPublishNothing() {
        EngineExecutionResults results = Runs.run(PassesOrIsAborted.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1).aborted(1).failed(0));
        assertThat(Runs.reports(results)).isEmpty();
    }

    @Test
    void aTestFailingInAfterEachOnAPerTestServerStillGetsItsServersJournal() {
        EngineExecutionResults results = Runs.run(FailsInAfterEach.class);
        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Runs.reports(results)).singleElement()
                .satisfies(e -> assertThat(e.get(FailureJournal.REPORT_KEY)).contains("SESSION_FORGOTTEN"));
        assertThat(failureOf(results).getSuppressed()).hasSize(1);
    }

    @Test
    void theJournalOfALongTestIsCutToItsLastEntries() {
        EngineExecutionResults results = Runs.run(FailsAfterManyEntries.class);
        String journal = Runs.reports(results).get(0).get(FailureJournal.REPORT_KEY);
        List<String> lines = Arrays.asList(journal.split("\n"));

        assertThat(lines.get(0)).endsWith("saw, while the test ran: 250 entries");
        assertThat(lines.get(1)).isEqualTo("  ... " + (250 - FailureJournal.MAX_ENTRIES) + " earlier entries left out");
        assertThat(lines).hasSize(FailureJournal.MAX_ENTRIES + 2);
        assertThat(lines.get(lines.size() - 1)).contains("fault SESSION_FORGOTTEN").contains("forgotten-250");
        assertThat(journal).doesNotContain("forgotten-150 ").contains("forgotten-151 ");
    }

    @Test
    void aTestOfTwoServersGetsTheJournalOfEach() {
        EngineExecutionResults results = Runs.run(TwoServers.class);
        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Runs.reports(results)).hasSize(2)
                .anySatisfy(e -> assertThat(e.get(FailureJournal.REPORT_KEY)).contains("outer-device"))
                .anySatisfy(e -> assertThat(e.get(FailureJournal.REPORT_KEY)).contains("inner-device"));
    }

    private static Throwable failureOf(EngineExecutionResults results) {
        return results.testEvents().failed().stream()
                .map(e -> e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable))
                .flatMap(java.util.Optional::stream).findFirst().orElseThrow();
    }

    @EnosCoapServer(scope = Scope.PER_CLASS)
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
    static class FailsAfterTheDeviceConnected {
        @Test
        @org.junit.jupiter.api.Order(1)
        void passes(EnosTestServer server) {
            server.faults().forgetSession(new dev.enoscoap.mock.protocol.DeviceId("demoProduct", "the-passing-test"));
        }

        @Test
        @org.junit.jupiter.api.Order(2)
        void fails(EnosTestServer server, @FreshDevice DeviceCredentials device) {
            try (TestDevice client = Clients.connect(server, device)) {
                client.post("/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/thing/measurepoint/post",
                        "{\"id\":\"1\"}");
            }
            server.await().untilRequests(device, 1);
            throw new AssertionError("the device did something unexpected");
        }
    }

    @EnosCoapServer
    static class PassesOrIsAborted {
        @Test
        void passes(EnosTestServer server, @FreshDevice DeviceCredentials device) {
            server.faults().forgetSession(device);
        }

        @Test
        void isAborted(EnosTestServer server, @FreshDevice DeviceCredentials device) {
            server.faults().forgetSession(device);
            assumeTrue(false, "not on this machine");
        }
    }

    @EnosCoapServer(scope = Scope.PER_TEST)
    static class FailsInAfterEach {
        @Test
        void test(EnosTestServer server, @FreshDevice DeviceCredentials device) {
            server.faults().forgetSession(device);
        }

        @AfterEach
        void afterEach() {
            throw new IllegalStateException("cleaning up failed");
        }
    }

    @EnosCoapServer
    static class FailsAfterManyEntries {
        @Test
        void test(EnosTestServer server) {
            for (int i = 1; i <= 250; i++) {
                server.faults().forgetSession(new dev.enoscoap.mock.protocol.DeviceId("demoProduct", "forgotten-" + i));
            }
            throw new AssertionError("too many");
        }
    }

    @EnosCoapServer
    static class TwoServers {
        private EnosTestServer outer;

        @org.junit.jupiter.api.BeforeEach
        void beforeEach(EnosTestServer server) {
            this.outer = server;
        }

        @org.junit.jupiter.api.Nested
        @EnosCoapServer(virtualClock = true)
        class Inner {
            @Test
            void test(EnosTestServer server) {
                assertThat(server.mockServer()).isNotSameAs(outer.mockServer());
                outer.faults().forgetSession(new dev.enoscoap.mock.protocol.DeviceId("demoProduct", "outer-device"));
                server.faults().forgetSession(new dev.enoscoap.mock.protocol.DeviceId("demoProduct", "inner-device"));
                throw new AssertionError("fails");
            }
        }
    }
}
