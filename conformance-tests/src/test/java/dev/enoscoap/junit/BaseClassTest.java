package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;

import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.session.VirtualClock;
import org.junit.jupiter.api.Test;

/** The annotation on an abstract base class configures the subclass's server. */
class BaseClassTest extends AbstractEnosTest {

    BaseClassTest(EnosTestServer server) {
        super(server);
    }

    @Test
    void theBaseClassOptionsApply(EnosTestServer server, VirtualClock clock,
            @Device("testProduct/sensor01") DeviceCredentials sensor) {
        assertThat(server.mockServer()).isSameAs(this.server.mockServer());
        assertThat(server.registry().source()).isEqualTo("classpath:test-registry.json");
        assertThat(server.cipherSuites()).containsExactly(EnosCipherSuite.CBC_SHA256);
        assertThat(server.virtualClock()).isSameAs(clock).isSameAs(server.clock());
        assertThat(sensor.deviceSecret()).isEqualTo("sensor-secret-01");
    }

    @Test
    void aDeviceOfferingOnlyTheOtherSuiteIsRefused(@Device("testProduct/sensor01") DeviceCredentials sensor) {
        try (TestDevice client = TestDevice.of(server.coapsUri(),
                sensor.identity(dev.enoscoap.mock.protocol.SecureMode.DEVICE_SECRET, 60), sensor.pskKey(),
                EnosCipherSuite.CCM_8)) {
            client.fire("/topic/sys/testProduct/sensor01/thing/measurepoint/post");
            server.await().until("a refused handshake", j -> !j.handshakes().isEmpty());
        }
        assertThat(server.journal().handshakes()).singleElement()
                .satisfies(h -> {
                    assertThat(h.accepted()).isFalse();
                    assertThat(h.reason()).isEqualTo(dev.enoscoap.mock.journal.RefusalReason.NO_COMMON_CIPHER_SUITE);
                });
    }
}
