package dev.enoscoap.junit;

import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.SecureMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/** A Californium DTLS-PSK client standing in for a device in tests. */
final class TestDevice implements AutoCloseable {
    static {
        DtlsConfig.register();
    }

    private final CoapEndpoint endpoint;
    private final CoapClient client;
    private final String base;

    private TestDevice(CoapEndpoint endpoint, String base) {
        this.endpoint = endpoint;
        this.base = base;
        this.client = new CoapClient();
        client.setEndpoint(endpoint);
        client.setTimeout(4_000L);
    }

    /** The device in SecureMode 2 with its own secret, Lifetime 300 s. */
    static TestDevice connect(EnosTestServer server, DeviceCredentials device, EnosCipherSuite... suites) {
        return of(server.coapsUri(), device.identity(SecureMode.DEVICE_SECRET, 300), device.pskKey(), suites);
    }

    /** A device with this identity text and raw key. */
    static TestDevice of(URI server, String identity, byte[] key, EnosCipherSuite... suites) {
        List<EnosCipherSuite> offered = suites.length == 0 ? List.of(EnosCipherSuite.values()) : List.of(suites);
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        config.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE);
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        config.set(DtlsConfig.DTLS_CIPHER_SUITES, offered.stream().map(s -> CipherSuite.valueOf(s.ianaName())).toList());
        config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 500, TimeUnit.MILLISECONDS);
        config.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 2);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(new PskPublicInformation(identity), key))
                .build();
        CoapEndpoint endpoint = CoapEndpoint.builder().setConnector(new DTLSConnector(dtls))
                .setConfiguration(config).build();
        try {
            endpoint.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new TestDevice(endpoint, server.toString());
    }

    /** GET, or {@code null} when no response came (e.g. the handshake failed). */
    CoapResponse get(String path) {
        return send(Request.newGet(), path, null);
    }

    /** POST of a JSON body, or {@code null} when no response came. */
    CoapResponse post(String path, String json) {
        return send(Request.newPost(), path, json);
    }

    private CoapResponse send(Request request, String path, String json) {
        request.setURI(base + path);
        if (json != null) {
            request.setPayload(json);
            request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        }
        try {
            return client.advanced(request);
        } catch (ConnectorException | IOException e) {
            return null;
        }
    }

    /** Sends a GET without waiting for the answer: the test then awaits what the server journals. */
    void fire(String path) {
        Request request = Request.newGet();
        request.setURI(base + path);
        endpoint.sendRequest(request);
    }

    /** Sends a POST of a JSON body without waiting for the answer. */
    void firePost(String path, String json) {
        Request request = Request.newPost();
        request.setURI(base + path);
        request.setPayload(json);
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        endpoint.sendRequest(request);
    }

    @Override
    public void close() {
        client.shutdown();
        endpoint.destroy();
    }
}
