package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;
import static dev.enoscoap.junit.EnosAssertions.assertThatThrownBy;

import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.journal.StateChange;
import java.util.List;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.assertj.core.error.AssertJMultipleFailuresError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Soft journal assertions collect every failure with its near misses; the assertion class can be
 * extended, and its subclasses made soft the same way.
 */
@EnosCoapServer
class SoftAndCustomAssertionsTest {

    @Test
    void assertSoftlyReportsEveryFailureWithItsNearMisses(EnosTestServer server,
            @FreshDevice DeviceCredentials device) {
        server.faults().forgetSession(device);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> EnosSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(server.journal())
                    .hasFault(device, FaultEntry.Kind.SESSION_FORGOTTEN)
                    .hasOnline(device)
                    .hasFault(device, FaultEntry.Kind.REQUEST_DROPPED);
            softly.assertThat(server.journal().faults(device)).hasSize(2);
            softly.assertThat(server.mockServer().journal()).hasOffline(device);
        }));

        assertThat(thrown).isInstanceOf(AssertJMultipleFailuresError.class);
        List<Throwable> failures = ((AssertJMultipleFailuresError) thrown).getFailures();
        assertThat(failures).hasSize(4);
        assertThat(failures.get(0)).hasMessageContaining("expected the journal to have state change ONLINE of "
                + device.id()).hasMessageContaining("near miss: #").hasMessageContaining("SESSION_FORGOTTEN");
        assertThat(failures.get(1)).hasMessageContaining("fault REQUEST_DROPPED of " + device.id())
                .hasMessageContaining("near miss: #");
        assertThat(failures.get(2)).hasMessageContaining("Expected size: 2 but was: 1");
        assertThat(failures.get(3)).hasMessageContaining("state change OFFLINE of " + device.id());
    }

    @Test
    void softAssertionsThatAllPassDoNotThrow(EnosTestServer server, @FreshDevice DeviceCredentials device) {
        server.faults().forgetSession(device);
        EnosSoftAssertions softly = new EnosSoftAssertions();
        softly.assertThat(server.journal()).hasFault(device, FaultEntry.Kind.SESSION_FORGOTTEN);
        softly.assertThat(server.journal().entries()).hasSize(1);
        softly.assertAll();
        assertThat(softly.wasSuccess()).isTrue();
    }

    @Test
    void withAssertJsExtensionInjectedSoftAssertionsFailTheTestWithEveryFailure() {
        EngineExecutionResults results = Runs.run(WithTheSoftAssertionsExtension.class);
        results.testEvents().assertStatistics(s -> s.failed(2));
        assertThat(Runs.failureMessages(results)).hasSize(2).allSatisfy(message -> assertThat(message)
                .contains("Multiple Failures (2 failures)", "state change ONLINE of demoProduct/fresh-",
                        "state change ACTIVATED of demoProduct/fresh-", "near miss: #", "SESSION_FORGOTTEN"));
    }

    @Test
    void aSubclassAddsAssertionsWithNearMissesAndKeepsTheInheritedOnesChaining(EnosTestServer server,
            @FreshDevice DeviceCredentials device, @FreshDevice("other") DeviceCredentials other) {
        server.faults().forgetSession(device).forgetSession(other);
        KitAssert.assertThat(server.journal()).hasForgottenSession(device).hasFault(device,
                FaultEntry.Kind.SESSION_FORGOTTEN).hasForgottenSession(other);

        server.faults().refuseNextHandshake(device);
        assertThatThrownBy(() -> KitAssert.assertThat(server.journal()).hasNoEntryOf(device))
                .hasMessageContaining("expected no entry of " + device.id());
        assertThatThrownBy(() -> KitAssert.assertThat(server.journal()).hasRequestTo(device, "/nowhere"))
                .hasMessageContaining("expected the journal to have a request of " + device.id() + " to /nowhere")
                .hasMessageContaining("near miss: #")
                .hasMessageContaining("other:     #");
    }

    @Test
    void aSubclassIsSoftWithAProviderOfItsOwn(EnosTestServer server, @FreshDevice DeviceCredentials device) {
        KitSoftAssertions softly = new KitSoftAssertions();
        softly.assertThat(server.journal()).hasForgottenSession(device).hasActivated(device);
        softly.assertThat(server.journal()).hasRefusedHandshake(device, RefusalReason.KEY_MISMATCH);
        assertThat(softly.errorsCollected()).hasSize(3);
        assertThat(softly.errorsCollected().get(0)).hasMessageContaining("a SESSION_FORGOTTEN fault of " + device.id());
    }

    /** Assertions a kit user adds: they use the same near-miss listing as the built-in ones. */
    static class KitAssert extends AbstractJournalAssert<KitAssert> {
        public KitAssert(JournalView actual) {
            super(actual, KitAssert.class);
        }

        static KitAssert assertThat(JournalView actual) {
            return new KitAssert(actual);
        }

        public KitAssert hasForgottenSession(DeviceCredentials device) {
            return hasEntry("a SESSION_FORGOTTEN fault of " + device.id(),
                    e -> e instanceof FaultEntry f && device.id().equals(f.device())
                            && f.kind() == FaultEntry.Kind.SESSION_FORGOTTEN,
                    nearDevice(device.id(), FaultEntry.class));
        }

        public KitAssert hasRequestTo(DeviceCredentials device, String path) {
            return hasEntry("a request of " + device.id() + " to " + path,
                    e -> e instanceof ExchangeEntry x && device.id().equals(x.device()) && x.path().equals(path),
                    nearDeviceAndPath(device.id(), path));
        }

        public KitAssert hasNoEntryOf(DeviceCredentials device) {
            isNotNull();
            if (actual.entries().stream().anyMatch(e -> device.id().equals(deviceOf(e)))) {
                failWithMessage("expected no entry of %s, but there are some", device.id());
            }
            return myself;
        }
    }

    /** A soft-assertions class for {@link KitAssert}, as AssertJ's provider pattern builds one. */
    static class KitSoftAssertions extends AbstractSoftAssertions implements SoftAssertionsProvider {
        public KitAssert assertThat(JournalView actual) {
            return proxy(KitAssert.class, JournalView.class, actual);
        }
    }

    @EnosCoapServer
    @ExtendWith(SoftAssertionsExtension.class)
    static class WithTheSoftAssertionsExtension {
        @InjectSoftAssertions
        EnosSoftAssertions softly;

        @Test
        void injectedIntoAField(EnosTestServer server, @FreshDevice DeviceCredentials device) {
            server.faults().forgetSession(device);
            softly.assertThat(server.journal()).hasStateChange(device, StateChange.Kind.ONLINE).hasActivated(device);
        }

        @Test
        void injectedAsAParameter(EnosTestServer server, @FreshDevice DeviceCredentials device,
                EnosSoftAssertions soft) {
            server.faults().forgetSession(device);
            soft.assertThat(server.journal()).hasOnline(device).hasActivated(device);
        }
    }
}
