package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;
import static dev.enoscoap.junit.EnosAssertions.assertThatThrownBy;

import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One server per class reaches the constructor, {@code @BeforeAll}, {@code @BeforeEach} and the tests. */
@EnosCoapServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InjectionTest {
    private final EnosTestServer fromConstructor;
    private EnosMockServer fromBeforeAll;
    private EnosTestServer fromBeforeEach;

    InjectionTest(EnosTestServer server) {
        this.fromConstructor = server;
    }

    @BeforeAll
    void beforeAll(EnosMockServer server) {
        fromBeforeAll = server;
    }

    @BeforeEach
    void beforeEach(EnosTestServer server) {
        fromBeforeEach = server;
    }

    @Test
    void constructorLifecycleMethodsAndTestsGetTheSameServer(EnosTestServer server, EnosMockServer mock) {
        assertThat(fromConstructor.mockServer()).isSameAs(fromBeforeAll).isSameAs(fromBeforeEach.mockServer())
                .isSameAs(server.mockServer()).isSameAs(mock);
    }

    @Test
    void theServerListensOnAFreeLoopbackPortWithTheDefaults(EnosTestServer server) {
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isPositive().isNotEqualTo(5684);
        assertThat(server.coapsUri()).hasToString("coaps://127.0.0.1:" + server.port());
        assertThat(server.cipherSuites()).containsExactly(EnosCipherSuite.CCM_8, EnosCipherSuite.CBC_SHA256);
        assertThat(server.registry().source()).isEqualTo(EnosCoapServer.DEMO_REGISTRY);
        assertThat(server.clock()).isNotInstanceOf(dev.enoscoap.mock.session.VirtualClock.class);
    }

    @Test
    void askingForTheVirtualClockOfASystemClockServerSaysHowToTurnItOn(EnosTestServer server) {
        assertThatThrownBy(server::virtualClock).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@EnosCoapServer(virtualClock = true)");
    }

    @Test
    void demoDevicesComeWithTheirSecretsFromTheRegistry(@Device("demoProduct/dev01") DeviceCredentials dev01,
            @Device("demoProduct/dev03") DeviceCredentials dev03) {
        assertThat(dev01.deviceSecret()).isEqualTo("demo-device-secret-01");
        assertThat(dev01.productSecret()).isEqualTo("demo-product-secret");
        assertThat(dev01.pskKey()).isEqualTo(dev.enoscoap.mock.protocol.PskKeys.derive("demo-device-secret-01"));
        assertThat(dev01.identity(dev.enoscoap.mock.protocol.SecureMode.DEVICE_SECRET, 300))
                .isEqualTo("demoProduct,dev01,2,300");
        assertThat(dev01.toString()).doesNotContain("demo-device-secret-01").doesNotContain("demo-product-secret");
        assertThat(dev03.deviceSecret()).isNull();
        assertThatThrownBy(dev03::pskKey).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demoProduct/dev03").hasMessageContaining("SecureMode 3");
    }

    @Test
    void aDeviceLooksUpLikeTheAnnotationAndTheJournalStartsEmptyForEachTest(EnosTestServer server) {
        assertThat(server.device("demoProduct/dev02").deviceSecret()).isEqualTo("demo-device-secret-02");
        assertThat(server.journal().entries()).isEmpty();
    }
}
