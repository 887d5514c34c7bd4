package dev.enoscoap.conformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.enoscoap.conformance.reference.Behaviour;
import dev.enoscoap.conformance.reference.ReferenceClient;
import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.conformance.spi.ClientFailure;
import dev.enoscoap.conformance.spi.ClientInfo;
import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.spi.EnosClientAdapter;
import dev.enoscoap.conformance.spi.NotSupported;
import dev.enoscoap.conformance.spi.PublishResult;
import dev.enoscoap.conformance.suite.EnosConformanceSuite;
import dev.enoscoap.conformance.suite.Purpose;
import dev.enoscoap.conformance.suite.PurposeFilter;
import dev.enoscoap.conformance.suite.SuiteConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Clients whose report contradicts what the mock saw: the purposes that rest partly on the
 * client's report must not take its word where the journal says otherwise.
 */
class LyingClientTest {

    /** The reference client behind a lie about one action; everything else passes through. */
    abstract static class Lying implements EnosClientAdapter {
        final ReferenceClient honest = new ReferenceClient();

        @Override
        public ClientInfo info() {
            return new ClientInfo("lying", "1", Set.of(Capability.SECURE_MODE_2, Capability.UPLINK));
        }

        @Override
        public void connect(ConnectionSpec spec) throws ClientFailure, NotSupported {
            honest.connect(spec);
        }

        @Override
        public String activate(ConnectionSpec spec) throws NotSupported {
            throw new NotSupported("no activation");
        }

        @Override
        public PublishResult reportMeasurePoints(ConnectionSpec spec, Map<String, Object> points)
                throws ClientFailure, NotSupported {
            return honest.reportMeasurePoints(spec, points);
        }

        @Override
        public void close() {
            honest.close();
        }
    }

    /** Asked for Lifetime 29 or 86401, it connects with 30 and reports that it refused. */
    public static class SendsAnotherLifetime implements EnosConformanceSuite {
        @Override
        public EnosClientAdapter adapter(SuiteConfig config) {
            return new Lying() {
                @Override
                public void connect(ConnectionSpec spec) throws ClientFailure, NotSupported {
                    int lifetime = spec.lifetimeSeconds();
                    if (lifetime >= 30 && lifetime <= 86_400) {
                        honest.connect(spec);
                        return;
                    }
                    honest.connect(new ConnectionSpec(spec.server(), spec.productKey(), spec.deviceKey(),
                            spec.secureMode(), spec.secret(), 30, spec.cipherSuites()));
                    throw new ClientFailure("Lifetime " + lifetime + " refused");
                }
            };
        }
    }

    /** Told to upload measure points while the answer carries 1220, it updates attributes instead and reports an error. */
    public static class UploadsElsewhere implements EnosConformanceSuite {
        @Override
        public EnosClientAdapter adapter(SuiteConfig config) {
            return new Lying() {
                @Override
                public PublishResult reportMeasurePoints(ConnectionSpec spec, Map<String, Object> points)
                        throws ClientFailure, NotSupported {
                    honest.updateAttributes(spec, Map.of("colour", "red"));
                    throw new ClientFailure("reply code 1220");
                }
            };
        }
    }

    /** Reads the secret from the wrong field, so its reconnect is refused, and reports the right secret all the same. */
    public static class ReportsASecretItDidNotUse implements EnosConformanceSuite {
        @Override
        public EnosClientAdapter adapter(SuiteConfig config) {
            ReferenceClient misreading = new ReferenceClient(Behaviour.conformant().toBuilder().secretField("assetId").build());
            return new Lying() {
                @Override
                public ClientInfo info() {
                    return new ClientInfo("lying", "1", Set.of(Capability.SECURE_MODE_2, Capability.SECURE_MODE_3));
                }

                @Override
                public String activate(ConnectionSpec spec) {
                    try {
                        misreading.activate(spec);
                    } catch (ClientFailure e) {
                        // the reconnect with the misread secret was refused; say nothing of it
                    }
                    return "demo-device-secret-01";
                }

                @Override
                public void close() {
                    misreading.close();
                    super.close();
                }
            };
        }
    }

    private static Optional<TestExecutionResult> verdictOf(Class<?> suite, String purpose) {
        return verdictsOf(suite, purpose).stream().findFirst();
    }

    /** The results of the tests of {@code purpose}, run with the purposes it needs. */
    private static List<TestExecutionResult> verdictsOf(Class<?> suite, String purpose) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite))
                .filters(new PurposeFilter(PurposeFilter.withPrerequisites(Set.of(purpose))))
                .execute().testEvents().finished().list().stream()
                .filter(e -> purposeOf(e).equals(purpose))
                .map(e -> e.getPayload(TestExecutionResult.class).orElseThrow())
                .toList();
    }

    private static String purposeOf(Event e) {
        return e.getTestDescriptor().getSource()
                .filter(s -> s instanceof org.junit.platform.engine.support.descriptor.MethodSource)
                .map(s -> ((org.junit.platform.engine.support.descriptor.MethodSource) s).getJavaMethod()
                        .getAnnotation(Purpose.class))
                .map(Purpose::value).orElse("");
    }

    @Test
    void aLifetimeRefusalIsNotTakenFromAClientThatConnectedWithAnotherLifetime() {
        for (String purpose : new String[] {"ENOS-LT-03", "ENOS-LT-04"}) {
            TestExecutionResult result = verdictOf(SendsAnotherLifetime.class, purpose).orElseThrow();
            assertThat(result.getStatus()).as(purpose).isEqualTo(TestExecutionResult.Status.FAILED);
            assertThat(result.getThrowable()).get().extracting(Throwable::getMessage).asString()
                    .contains(purpose, "expected: no handshake with another Lifetime than",
                            "the server accepted [ACCEPTED as 'demoProduct,dev01,2,30']");
        }
    }

    @Test
    void aSecretReadFromTheAnswerIsNotTakenFromAClientWhoseReconnectWasRefused() {
        List<TestExecutionResult> results = verdictsOf(ReportsASecretItDidNotUse.class, "ENOS-ACT-04");
        assertThat(results).isNotEmpty().allSatisfy(result -> {
            assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
            assertThat(result.getThrowable()).get().extracting(Throwable::getMessage).asString()
                    .contains("expected: a SecureMode 2 reconnect keyed with the secret read from the",
                            "REFUSED KEY_MISMATCH as 'demoProduct,dev01,2,");
        });
    }

    @Test
    void anApplicationErrorIsNotTakenFromAClientWhoseUploadNeverGotIt() {
        TestExecutionResult result = verdictOf(UploadsElsewhere.class, "ENOS-UP-02").orElseThrow();
        assertThat(result.getStatus()).isEqualTo(TestExecutionResult.Status.ABORTED);
        assertThat(result.getThrowable()).get().extracting(Throwable::getMessage).asString()
                .contains("no upload on /topic/sys/demoProduct/dev01/thing/measurepoint/post got the answer with "
                        + "reply code 1220");
    }
}
