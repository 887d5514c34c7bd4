package com.example.device;

import static dev.enoscoap.junit.EnosAssertions.assertThat;

import dev.enoscoap.junit.Device;
import dev.enoscoap.junit.DeviceCredentials;
import dev.enoscoap.junit.EnosCoapServer;
import dev.enoscoap.junit.EnosTestServer;
import dev.enoscoap.junit.FreshDevice;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.session.VirtualClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.Test;

@EnosCoapServer(virtualClock = true)
class DeviceConnectsTest {

    @Test
    void reportsAMeasurePoint(EnosTestServer server, @Device("demoProduct/dev01") DeviceCredentials dev)
            throws Exception {
        CoapEndpoint device = device(dev.identity(SecureMode.DEVICE_SECRET, 300), dev.pskKey());
        try {
            CoapClient client = new CoapClient(server.coapsUri() + "/topic/sys/demoProduct/dev01/thing/measurepoint/post");
            client.setEndpoint(device);
            CoapResponse response = client.post("{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
                    + "\"params\":{\"measurepoints\":{\"temp\":21.5}}}", MediaTypeRegistry.APPLICATION_JSON);
            assertThat(response).isNotNull();
        } finally {
            device.destroy();
        }
        server.await().untilRequests(dev, 1);

        assertThat(server.journal())
                .hasAcceptedHandshake(dev)
                .hasUplink(dev, "thing.measurepoint.post")
                .hasOnline(dev);
    }

    @Test
    void goesOfflineWhenItsLifetimeRunsOut(EnosTestServer server, VirtualClock clock,
            @FreshDevice DeviceCredentials dev) throws Exception {
        CoapEndpoint device = device(dev.identity(SecureMode.DEVICE_SECRET, 30), dev.pskKey());
        try {
            CoapClient client = new CoapClient(server.coapsUri() + "/topic/sys/" + dev.productKey() + "/"
                    + dev.deviceKey() + "/thing/measurepoint/post");
            client.setEndpoint(device);
            client.post("{\"id\":\"1\",\"version\":\"1.0\",\"params\":{}}", MediaTypeRegistry.APPLICATION_JSON);
        } finally {
            device.destroy();
        }
        server.await().untilOnline(dev);

        clock.advance(Duration.ofSeconds(30));

        assertThat(server.journal()).hasOffline(dev);
    }

    /** Stands in for your device or SDK: CoAP over DTLS with a pre-shared key, by Californium. */
    private static CoapEndpoint device(String identity, byte[] key) {
        DtlsConfig.register();
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        config.set(DtlsConfig.DTLS_CIPHER_SUITES, List.of(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8));
        DTLSConnector dtls = new DTLSConnector(DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
                .build());
        return CoapEndpoint.builder().setConnector(dtls).setConfiguration(config).build();
    }
}
