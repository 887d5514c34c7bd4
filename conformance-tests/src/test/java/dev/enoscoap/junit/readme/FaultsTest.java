package dev.enoscoap.junit.readme;

import static dev.enoscoap.junit.EnosAssertions.assertThat;

import dev.enoscoap.junit.DeviceCredentials;
import dev.enoscoap.junit.EnosCoapServer;
import dev.enoscoap.junit.EnosTestServer;
import dev.enoscoap.junit.FreshDevice;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.protocol.SecureMode;
import java.net.InetSocketAddress;
import java.util.List;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.Test;

/** The README's scripted faults, named by the injected device. */
@EnosCoapServer
class FaultsTest {

    @Test
    void aRefusedHandshakeIsJournaledAsAFault(EnosTestServer server, @FreshDevice DeviceCredentials dev)
            throws Exception {
        // tag::faults[]
        server.faults().refuseNextHandshake(dev);          // also dropNextRequests(dev, n), forgetSession(dev)
        // end::faults[]
        CoapEndpoint device = device(dev.identity(SecureMode.DEVICE_SECRET, 300), dev.pskKey());
        try {
            device.start();
            Request request = Request.newGet();
            request.setURI(server.coapsUri() + "/topic/sys/" + dev.productKey() + "/" + dev.deviceKey() + "/x");
            device.sendRequest(request);
            // tag::faultsJournal[]
            server.await().untilHandshake(dev);
            assertThat(server.journal()).hasFault(dev, FaultEntry.Kind.HANDSHAKE_REFUSED);
            assertThat(server.journal().faults(dev)).hasSize(1);
            // end::faultsJournal[]
        } finally {
            device.destroy();
        }
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
