package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;

import dev.enoscoap.junit.EnosCoapServer.Scope;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.session.VirtualClock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** Configurers reach every option of the server's builder, and servers with different ones are never shared. */
class ConfigurerTest {

    /** Options the annotation does not have: auto-registration and the journal's capacity. */
    public static class AutoRegisterWithSmallJournal implements EnosServerConfigurer {
        @Override
        public void configure(EnosMockServer.Builder server) {
            server.autoRegister(true).journalCapacity(500);
        }
    }

    /** A virtual clock set by a configurer instead of the annotation. */
    public static class OwnVirtualClock implements EnosServerConfigurer {
        @Override
        public void configure(EnosMockServer.Builder server) {
            server.clock(new VirtualClock());
        }
    }

    /** Another configurer: servers configured by it are not those configured by {@link OwnVirtualClock}. */
    public static class LargeJournal implements EnosServerConfigurer {
        @Override
        public void configure(EnosMockServer.Builder server) {
            server.journalCapacity(20_000);
        }
    }

    @Nested
    @EnosCoapServer(configurer = AutoRegisterWithSmallJournal.class)
    class NamedInTheAnnotation {
        @Test
        void anUnknownDeviceKeyIsAutoRegisteredOnItsSecureMode3Handshake(EnosTestServer server) {
            assertThat(server.mockServer().journal().capacity()).isEqualTo(500);
            String productSecret = server.device("demoProduct/dev01").productSecret();
            DeviceCredentials newcomer = new DeviceCredentials("demoProduct", "auto-" + System.nanoTime(), null,
                    productSecret);
            try (TestDevice client = TestDevice.of(server.coapsUri(), newcomer.identity(SecureMode.PRODUCT_SECRET, 60),
                    newcomer.pskKey(SecureMode.PRODUCT_SECRET))) {
                client.fire("/topic/ext/session/demoProduct/" + newcomer.deviceKey() + "/thing/activate/info");
                server.await().untilHandshake(newcomer);
            }
            assertThat(server.journal()).hasStateChange(newcomer, StateChange.Kind.REGISTERED)
                    .hasAcceptedHandshake(newcomer, SecureMode.PRODUCT_SECRET, 60);
            assertThat(server.registry().device(newcomer.id())).isPresent();
        }
    }

    @Nested
    @EnosCoapServer(configurer = OwnVirtualClock.class)
    class SettingTheClock {
        @Test
        void aVirtualClockSetByAConfigurerIsTheInjectedOne(EnosTestServer server, VirtualClock clock) {
            assertThat(server.clock()).isSameAs(clock).isSameAs(server.virtualClock());
        }
    }

    @Nested
    class InTheBuilder {
        @RegisterExtension
        EnosCoapServerExtension enos = EnosCoapServerExtension.builder()
                .configure(server -> server.journalCapacity(300))
                .configure(server -> server.maxPayloadBytes(64))
                .build();

        @Test
        void severalConfigurersApplyInOrder(EnosTestServer server, @FreshDevice DeviceCredentials device) {
            assertThat(server.mockServer().journal().capacity()).isEqualTo(300);
            String topic = "/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/thing/measurepoint/post";
            try (TestDevice client = Clients.connect(server, device)) {
                client.post(topic, "{\"id\":\"1\",\"params\":{\"measurepoints\":{\"temperature\":21.5,\"humidity\":40}}}");
            }
            List<ExchangeEntry> requests = server.await().untilRequests(device, 1);
            assertThat(requests).singleElement().satisfies(x -> assertThat(x.replyCode()).isEqualTo(1008));
        }
    }

    @Test
    void sharedServersAreSharedOnlyByClassesWithTheSameConfigurers() {
        EngineExecutionResults results = Runs.run(SharedPlain.class, SharedClockA.class, SharedClockB.class,
                SharedLargeJournal.class, SharedLambdaA.class, SharedLambdaB.class);
        assertThat(Runs.failureMessages(results)).isEmpty();
        Map<String, String> serverOf = Runs.reports(results).stream()
                .collect(Collectors.toMap(r -> r.get("class"), r -> r.get("server")));

        assertThat(serverOf).hasSize(6);
        assertThat(serverOf.get("SharedClockA")).isEqualTo(serverOf.get("SharedClockB"));
        assertThat(serverOf.get("SharedLambdaA")).isNotEqualTo(serverOf.get("SharedLambdaB"));
        assertThat(List.of(serverOf.get("SharedPlain"), serverOf.get("SharedClockA"), serverOf.get("SharedLargeJournal"),
                serverOf.get("SharedLambdaA"), serverOf.get("SharedLambdaB"))).doesNotHaveDuplicates();
    }

    @Test
    void aSettingsKeyTellsConfigurersByClassOrInstance() {
        Settings.Configurer byClass = Settings.Configurer.instantiate(LargeJournal.class, "test");
        assertThat(byClass).isEqualTo(Settings.Configurer.instantiate(LargeJournal.class, "test"))
                .isNotEqualTo(Settings.Configurer.instantiate(OwnVirtualClock.class, "test"));
        EnosServerConfigurer lambda = server -> server.journalCapacity(1);
        assertThat(Settings.Configurer.of(lambda)).isEqualTo(Settings.Configurer.of(lambda))
                .isNotEqualTo(Settings.Configurer.of(server -> server.journalCapacity(1)));
    }

    @Test
    void aClassesOptionsAreResolvedOnceHoweverManyParametersAndTestsItHas() {
        CountingConfigurer.created.set(0);
        CountingConfigurer.applied.set(0);
        EngineExecutionResults results = Runs.run(ManyParameters.class);
        results.testEvents().assertStatistics(s -> s.succeeded(3));
        assertThat(CountingConfigurer.created).hasValue(1);
        assertThat(CountingConfigurer.applied).hasValue(1);
    }

    /** Counts how often it is created and applied; only this test's fixture uses it. */
    public static class CountingConfigurer implements EnosServerConfigurer {
        static final java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();
        static final java.util.concurrent.atomic.AtomicInteger applied = new java.util.concurrent.atomic.AtomicInteger();

        public CountingConfigurer() {
            created.incrementAndGet();
        }

        @Override
        public void configure(EnosMockServer.Builder server) {
            applied.incrementAndGet();
        }
    }

    @EnosCoapServer(configurer = CountingConfigurer.class)
    static class ManyParameters {
        ManyParameters(EnosTestServer server, EnosMockServer mock) {
        }

        @org.junit.jupiter.api.BeforeEach
        void beforeEach(EnosTestServer server, @FreshDevice DeviceCredentials device) {
        }

        @org.junit.jupiter.api.RepeatedTest(3)
        void test(EnosTestServer server, EnosMockServer mock, @Device("demoProduct/dev01") DeviceCredentials dev,
                @FreshDevice DeviceCredentials device) {
        }
    }

    static void report(TestReporter reporter, EnosMockServer server, Class<?> test) {
        reporter.publishEntry(Map.of("class", test.getSimpleName(),
                "server", System.identityHashCode(server) + "@" + server.port()));
    }

    @EnosCoapServer(scope = Scope.SHARED)
    static class SharedPlain {
        @Test
        void test(EnosMockServer server, TestReporter reporter) {
            report(reporter, server, getClass());
        }
    }

    @EnosCoapServer(scope = Scope.SHARED, configurer = OwnVirtualClock.class)
    static class SharedClockA {
        @Test
        void test(EnosMockServer server, TestReporter reporter) {
            report(reporter, server, getClass());
        }
    }

    @EnosCoapServer(scope = Scope.SHARED, configurer = OwnVirtualClock.class)
    static class SharedClockB {
        @Test
        void test(EnosMockServer server, TestReporter reporter) {
            report(reporter, server, getClass());
        }
    }

    @EnosCoapServer(scope = Scope.SHARED, configurer = LargeJournal.class)
    static class SharedLargeJournal {
        @Test
        void test(EnosMockServer server, TestReporter reporter) {
            report(reporter, server, getClass());
        }
    }

    static class SharedLambdaA {
        @RegisterExtension
        static EnosCoapServerExtension enos = EnosCoapServerExtension.builder().scope(Scope.SHARED)
                .configure(server -> server.journalCapacity(20_000)).build();

        @Test
        void test(EnosMockServer server, TestReporter reporter) {
            report(reporter, server, getClass());
        }
    }

    static class SharedLambdaB {
        @RegisterExtension
        static EnosCoapServerExtension enos = EnosCoapServerExtension.builder().scope(Scope.SHARED)
                .configure(server -> server.journalCapacity(20_000)).build();

        @Test
        void test(EnosMockServer server, TestReporter reporter) {
            report(reporter, server, getClass());
        }
    }
}
