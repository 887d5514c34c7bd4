package dev.enoscoap.conformance.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.conformance.spi.ClientFailure;
import dev.enoscoap.conformance.spi.ClientInfo;
import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.spi.EnosClientAdapter;
import dev.enoscoap.conformance.spi.PublishResult;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The catalogue drives the run: tests run one at a time in catalogue order even when a vendor
 * turns on concurrent execution, a missing capability is not applicable before the body runs, and
 * a failed prerequisite makes its dependents inconclusive at once, naming it.
 */
class OrderAndPrerequisitesTest {
    /** Declared out of catalogue order on purpose. */
    public static class Fake implements ClientUnderTest {
        @Override
        public EnosClientAdapter adapter(SuiteConfig config) {
            return new EnosClientAdapter() {
                @Override
                public ClientInfo info() {
                    return new ClientInfo("fake", "1", Set.of(Capability.SECURE_MODE_2));
                }

                @Override
                public void connect(ConnectionSpec spec) {
                }

                @Override
                public String activate(ConnectionSpec spec) throws ClientFailure {
                    throw new ClientFailure("no");
                }

                @Override
                public PublishResult reportMeasurePoints(ConnectionSpec spec, Map<String, Object> points) {
                    return new PublishResult("2.04", 200);
                }

                @Override
                public void close() {
                }
            };
        }

        @Test
        @Purpose("ENOS-LT-01")
        @Tag("LT")
        void lt01(Judge judge) {
        }

        @Test
        @Purpose("ENOS-KEY-01")
        @Tag("KEY")
        void key01(Judge judge) throws InterruptedException {
            Thread.sleep(200);
            throw judge.fail("the right key", "a wrong one");
        }

        @Test
        @Purpose("ENOS-ID-01")
        @Tag("ID")
        void id01(Judge judge) {
        }

        @Test
        @Purpose("ENOS-UP-04")
        @Tag("UP")
        void up04(Judge judge) {
        }
    }

    @Test
    void catalogueOrderOneAtATimeCapabilitiesFirstAndFailFast() {
        var testEvents = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Fake.class))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .execute().testEvents();
        List<Event> events = testEvents.finished().list();

        // Catalogue order, one at a time: each test starts after the one before it finished.
        List<String> started = testEvents.started().list().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
        assertThat(started).containsExactly("id01(Judge)", "key01(Judge)", "lt01(Judge)", "up04(Judge)");
        Event key01Finished = events.stream().filter(e -> e.getTestDescriptor().getDisplayName().startsWith("key01"))
                .findFirst().orElseThrow();
        Event lt01Started = testEvents.started().list().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().startsWith("lt01")).findFirst().orElseThrow();
        assertThat(lt01Started.getTimestamp()).isAfterOrEqualTo(key01Finished.getTimestamp());
        TestExecutionResult lt01 = result(events, "lt01");
        assertThat(lt01.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(lt01.getThrowable()).get().isInstanceOfSatisfying(Inconclusive.class, i -> {
            assertThat(i.prerequisite()).contains("ENOS-KEY-01");
            assertThat(i.getMessage()).contains("ENOS-LT-01 needs ENOS-KEY-01", "which failed", "a wrong one");
        });
        TestExecutionResult up04 = result(events, "up04");
        assertThat(up04.getThrowable()).get().isInstanceOf(NotApplicable.class).extracting(Throwable::getMessage)
                .asString().contains("does not declare UPLINK_BATCH");
    }

    private static TestExecutionResult result(List<Event> events, String method) {
        return events.stream().filter(e -> e.getTestDescriptor().getDisplayName().startsWith(method))
                .findFirst().orElseThrow().getRequiredPayload(TestExecutionResult.class);
    }
}
