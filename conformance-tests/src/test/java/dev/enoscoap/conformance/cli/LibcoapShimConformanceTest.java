package dev.enoscoap.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.enoscoap.conformance.spi.ClientInfo;
import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.JudgedBy;
import dev.enoscoap.conformance.suite.Purpose;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.PskKeys;
import dev.enoscoap.mock.protocol.SecureMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * libcoap's coap-client, driven through the shipped shim and the command-line adapter, judged by
 * every suite: a non-Java client passes what it can do, and what it does not declare is not applicable.
 */
class LibcoapShimConformanceTest {

    @TempDir
    Path dir;

    @Test
    void libcoapPassesEveryPurposeItCanDoAndTheRestIsNotApplicable() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(CommandLineConformanceSuite.CMD, LibcoapShim.template(dir))
                .configurationParameter(CommandLineConformanceSuite.CAPABILITIES, LibcoapShim.CAPABILITIES)
                .configurationParameter(CommandLineConformanceSuite.NAME, "libcoap coap-client-openssl")
                .selectors(selectClass(CommandLineConformanceSuite.class))
                .execute();

        Map<String, String> failed = byPurpose(results, TestExecutionResult.Status.FAILED);
        Map<String, String> aborted = byPurpose(results, TestExecutionResult.Status.ABORTED);
        assertThat(failed).as("purposes libcoap fails").isEmpty();
        assertThat(aborted).as("purposes not judged").containsOnlyKeys("ENOS-DOWN-01", "ENOS-DOWN-02", "ENOS-ROB-03");
        assertThat(aborted.get("ENOS-DOWN-01")).startsWith("not applicable: libcoap coap-client-openssl does not declare DOWNLINK");
        assertThat(aborted.get("ENOS-ROB-03")).startsWith("not applicable: libcoap coap-client-openssl does not declare SESSION_REUSE");
        // ENOS-ACT-04 and ENOS-ACT-05 have 4 tests each.
        int tests = Catalogue.load().judgedBy(JudgedBy.ACTIVE).all().size() + 3 + 3;
        assertThat(results.testEvents().succeeded().count()).isEqualTo(tests - 3);
        results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void aTemplateThatHandsTheClientTheWrongSecretFailsKey01() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(CommandLineConformanceSuite.CMD, LibcoapShim.wrongKeyTemplate(dir))
                .configurationParameter(CommandLineConformanceSuite.TIMEOUT, "20")
                .selectors(selectMethod(CommandLineConformanceSuite.class, "secureMode2KeyIsDerivedFromTheDeviceSecret",
                        "dev.enoscoap.conformance.suite.Judge"))
                .execute();

        Map<String, String> failed = byPurpose(results, TestExecutionResult.Status.FAILED);
        assertThat(failed).containsOnlyKeys("ENOS-KEY-01");
        assertThat(failed.get("ENOS-KEY-01")).startsWith("ENOS-KEY-01 · ")
                .contains("observed: key mismatch")
                .contains("handshake REFUSED KEY_MISMATCH");
    }

    @Test
    void aKeyWhoseLastByteIsALineFeedReachesCoapClientWhole() throws Exception {
        // The mock generates the secret of an activating device; about one in 256 derives a key ending
        // in 0x0a, which a shell's command substitution would drop.
        String secret = IntStream.range(0, 100_000).mapToObj(i -> "lf-secret-" + i)
                .filter(s -> {
                    byte[] key = PskKeys.derive(s);
                    return key[key.length - 1] == '\n' && !PskKeys.hasZeroByte(key);
                }).findFirst().orElseThrow();
        DeviceId device = new DeviceId("demoProduct", "dev03");
        try (EnosMockServer server = EnosMockServer.builder().secretGenerator(() -> secret).start();
                CommandLineAdapter shim = new CommandLineAdapter(LibcoapShim.template(dir),
                        new ClientInfo("libcoap", "4.3.1", CommandLineConformanceSuite.capabilities(LibcoapShim.CAPABILITIES)),
                        Duration.ofSeconds(30))) {
            ConnectionSpec spec = new ConnectionSpec(server.coapsUri(), device.productKey(), device.deviceKey(),
                    SecureMode.PRODUCT_SECRET, "demo-product-secret", 120, List.of());

            assertThat(shim.activate(spec)).isEqualTo(secret);
            assertThat(server.journal().handshakes(device)).as("the SecureMode 2 reconnect with the new secret")
                    .anyMatch(h -> h.accepted() && h.identity().secureMode() == SecureMode.DEVICE_SECRET);
        }
    }

    /** Purpose id to the message of the tests that ended with {@code status}. */
    static Map<String, String> byPurpose(EngineExecutionResults results, TestExecutionResult.Status status) {
        return results.testEvents().finished().stream()
                .filter(e -> e.getRequiredPayload(TestExecutionResult.class).getStatus() == status)
                .collect(Collectors.toMap(LibcoapShimConformanceTest::purpose,
                        e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().map(Throwable::getMessage)
                                .orElse(""),
                        (a, b) -> a + "\n" + b, TreeMap::new));
    }

    private static String purpose(Event e) {
        MethodSource source = (MethodSource) e.getTestDescriptor().getSource().orElseThrow();
        return source.getJavaMethod().getAnnotation(Purpose.class).value();
    }
}
