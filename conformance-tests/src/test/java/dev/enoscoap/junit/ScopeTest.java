package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;

import dev.enoscoap.junit.EnosCoapServer.Scope;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.session.VirtualClock;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.CoapResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Who gets which server, and when it closes: each fixture class below runs as its own test run
 * and reports the server it saw; a server counts as closed once its port can be bound again.
 */
class ScopeTest {

    @Test
    void perTestScopeGivesEveryTestItsOwnServerAndClosesIt() {
        List<Map<String, String>> seen = runAndReport(PerTest.class);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).get("server")).isNotEqualTo(seen.get(1).get("server"));
        seen.forEach(s -> assertThat(portIsFree(s)).as("port of %s is free after the run", s).isTrue());
    }

    @Test
    void perClassScopeGivesTheTestsOfAClassOneServerAndClosesIt() {
        List<Map<String, String>> seen = runAndReport(PerClassA.class, PerClassB.class);
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0).get("server")).isEqualTo(seen.get(1).get("server"));
        assertThat(seen.get(2).get("server")).isNotEqualTo(seen.get(0).get("server"));
        seen.forEach(s -> assertThat(portIsFree(s)).as("port of %s is free after the run", s).isTrue());
    }

    @Test
    void sharedScopeGivesTwoClassesOneServerThatLivesUntilTheEndOfTheRun() {
        List<Map<String, String>> seen = runAndReport(SharedA.class, SharedB.class);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).get("server")).isEqualTo(seen.get(1).get("server"));
        // SharedB connected after SharedA had finished: the server outlived the first class.
        assertThat(seen.get(1).get("response")).isEqualTo("4.04");
        assertThat(portIsFree(seen.get(1))).as("the shared server is closed at the end of the run").isTrue();
    }

    @Test
    void aStaticRegisteredExtensionRunsOneServerPerClass() {
        List<Map<String, String>> seen = runAndReport(StaticField.class);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).get("server")).isEqualTo(seen.get(1).get("server"));
        assertThat(seen).filteredOn(s -> s.containsKey("virtual")).singleElement()
                .satisfies(s -> assertThat(s.get("virtual")).isEqualTo("true"));
        assertThat(portIsFree(seen.get(0))).isTrue();
    }

    @Test
    void anInstanceRegisteredExtensionRunsOneServerPerTest() {
        List<Map<String, String>> seen = runAndReport(InstanceField.class);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).get("server")).isNotEqualTo(seen.get(1).get("server"));
        seen.forEach(s -> assertThat(portIsFree(s)).isTrue());
    }

    @Test
    void theRegistryAndPortOptionsAreHonoured() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = probe.getLocalPort();
        }
        Settings settings = new Settings("classpath:test-registry.json", Settings.DEFAULTS.cipherSuites(), port,
                Scope.PER_TEST, false, true, Settings.DEFAULTS.maxConnections(), List.of());
        try (RunningServer running = settings.start(new RegistryCache(), "test")) {
            assertThat(running.server().port()).isEqualTo(port);
            assertThat(running.server().host()).isEqualTo("127.0.0.1");
            assertThat(running.server().registry().source()).isEqualTo("classpath:test-registry.json");
        }
    }

    private static List<Map<String, String>> runAndReport(Class<?>... classes) {
        EngineExecutionResults results = Runs.run(classes);
        assertThat(Runs.failureMessages(results)).isEmpty();
        results.testEvents().assertStatistics(s -> s.failed(0));
        return Runs.reports(results);
    }

    static void report(TestReporter reporter, EnosMockServer server) {
        reporter.publishEntry(Map.of("server", System.identityHashCode(server) + "@" + server.port(),
                "port", String.valueOf(server.port())));
    }

    static boolean portIsFree(Map<String, String> seen) {
        return portIsFree(Integer.parseInt(seen.get("port")));
    }

    static boolean portIsFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return true;
        } catch (SocketException e) {
            return false;
        }
    }

    @EnosCoapServer(scope = Scope.PER_TEST)
    static class PerTest {
        @Test
        void first(EnosMockServer server, TestReporter reporter) {
            report(reporter, server);
        }

        @Test
        void second(EnosMockServer server, TestReporter reporter) {
            report(reporter, server);
        }
    }

    @EnosCoapServer(scope = Scope.PER_CLASS)
    static class PerClassA {
        @Test
        void first(EnosMockServer server, TestReporter reporter) {
            report(reporter, server);
        }

        @Test
        void second(EnosMockServer server, TestReporter reporter) {
            report(reporter, server);
        }
    }

    @EnosCoapServer(scope = Scope.PER_CLASS)
    static class PerClassB {
        @Test
        void third(EnosMockServer server, TestReporter reporter) {
            report(reporter, server);
        }
    }

    @EnosCoapServer(scope = Scope.SHARED)
    static class SharedA {
        @Test
        void first(EnosMockServer server, TestReporter reporter) {
            report(reporter, server);
        }
    }

    @EnosCoapServer(scope = Scope.SHARED)
    static class SharedB {
        @Test
        void second(EnosTestServer server, @FreshDevice DeviceCredentials device, TestReporter reporter) {
            CoapResponse response;
            try (TestDevice client = Clients.connect(server, device)) {
                response = client.get("/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/nothing");
            }
            reporter.publishEntry(Map.of("server", System.identityHashCode(server.mockServer()) + "@" + server.port(),
                    "port", String.valueOf(server.port()),
                    "response", response == null ? "none" : response.getCode().text));
        }
    }

    static class StaticField {
        @RegisterExtension
        static EnosCoapServerExtension enos = EnosCoapServerExtension.builder().virtualClock(true).build();

        @Test
        void first(EnosMockServer server, TestReporter reporter, VirtualClock clock) {
            reporter.publishEntry(Map.of("server", System.identityHashCode(server) + "@" + server.port(),
                    "port", String.valueOf(server.port()), "virtual", String.valueOf(server.clock() == clock)));
        }

        @Test
        void second(EnosMockServer server, TestReporter reporter) {
            report(reporter, server);
        }
    }

    static class InstanceField {
        @RegisterExtension
        EnosCoapServerExtension enos = EnosCoapServerExtension.builder().build();

        @Test
        void first(EnosMockServer server, TestReporter reporter) {
            report(reporter, server);
        }

        @Test
        void second(EnosMockServer server, TestReporter reporter) {
            report(reporter, server);
        }
    }
}
