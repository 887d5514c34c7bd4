package dev.enoscoap.junit.readme;

import static dev.enoscoap.junit.readme.ReadmeDevice.device;

import dev.enoscoap.junit.Device;
import dev.enoscoap.junit.DeviceCredentials;
import dev.enoscoap.junit.EnosCoapServer;
import dev.enoscoap.junit.EnosSoftAssertions;
import dev.enoscoap.junit.EnosTestServer;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.SecureMode;
import org.assertj.core.api.junit.jupiter.InjectSoftAssertions;
import org.assertj.core.api.junit.jupiter.SoftAssertionsExtension;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's soft assertions: every journal assertion is checked, and all failures are reported together. */
// tag::extension[]
@EnosCoapServer
@ExtendWith(SoftAssertionsExtension.class)
class SoftlyTest {
    @InjectSoftAssertions
    EnosSoftAssertions softly;
    // end::extension[]

    @Test
    void reportsAMeasurePoint(EnosTestServer server, @Device("demoProduct/dev02") DeviceCredentials dev)
            throws Exception {
        post(server, dev);
        server.await().untilRequests(dev, 1);

        // tag::softly[]
        softly.assertThat(server.journal())
                .hasAcceptedHandshake(dev, EnosCipherSuite.CCM_8)
                .hasNoRefusedHandshake(dev)
                .hasUplink(dev, "thing.measurepoint.post");
        softly.assertThat(server.journal().exchanges(dev))
                .extracting(ExchangeEntry::responseCode).containsOnly("2.04");
        // end::softly[]
    }

    @Test
    void reportsAMeasurePointAssertedSoftlyInPlace(EnosTestServer server,
            @Device("demoProduct/dev02") DeviceCredentials dev) throws Exception {
        post(server, dev);
        server.await().untilRequests(dev, 1);

        // tag::assertSoftly[]
        EnosSoftAssertions.assertSoftly(softly -> {
            softly.assertThat(server.journal()).hasAcceptedHandshake(dev).hasOnline(dev);
            softly.assertThat(server.journal().exchanges(dev)).hasSize(1);
        });
        // end::assertSoftly[]
        // tag::useCustom[]
        UplinkAssert.assertThat(server.journal())
                .hasUplinkReplied(dev, "thing.measurepoint.post", 200)
                .hasOnline(dev);
        // end::useCustom[]
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> UplinkAssert.assertThat(server.journal())
                .hasUplinkReplied(dev, "thing.measurepoint.post", 1220))
                .hasMessageContaining("an uplink thing.measurepoint.post of demoProduct/dev02 replied 1220")
                .hasMessageContaining("near miss: #");
    }

    private static void post(EnosTestServer server, DeviceCredentials dev) throws Exception {
        CoapEndpoint device = device(dev.identity(SecureMode.DEVICE_SECRET, 300), dev.pskKey());
        try {
            CoapClient client = new CoapClient(server.coapsUri() + "/topic/sys/" + dev.productKey() + "/"
                    + dev.deviceKey() + "/thing/measurepoint/post");
            client.setEndpoint(device);
            client.post("{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
                    + "\"params\":{\"measurepoints\":{\"temp\":21.5}}}", MediaTypeRegistry.APPLICATION_JSON);
        } finally {
            device.destroy();
        }
    }
}
