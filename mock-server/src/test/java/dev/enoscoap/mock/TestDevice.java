package dev.enoscoap.mock;

import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.PskKeys;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Arrays;
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

/**
 * A Californium DTLS-PSK client standing in for a device in tests: the mock's and, through the
 * mock-server test jar, the conformance kit's.
 */
public final class TestDevice implements AutoCloseable {
    static {
        DtlsConfig.register();
    }

    private final CoapEndpoint endpoint;
    private final CoapClient client;
    private final String base;
    private volatile String lastFailure = "none";

    private TestDevice(CoapEndpoint endpoint, String base) {
        this.endpoint = endpoint;
        this.base = base;
        this.client = new CoapClient();
        client.setEndpoint(endpoint);
        client.setTimeout(4_000L);
    }

    /** A device with the identity text and the key derived from {@code secret}. */
    public static TestDevice of(EnosMockServer server, String identity, String secret, EnosCipherSuite... suites) {
        return of(server, new PskPublicInformation(identity), PskKeys.derive(secret), suites);
    }

    /** A device with the identity text and a raw key, talking to {@code server} ({@code coaps://HOST:PORT}). */
    public static TestDevice of(URI server, String identity, byte[] key, EnosCipherSuite... suites) {
        return of(server.toString(), new PskPublicInformation(identity), key, suites);
    }

    /** A device with raw identity bytes and a raw key. */
    public static TestDevice of(EnosMockServer server, PskPublicInformation identity, byte[] key,
            EnosCipherSuite... suites) {
        return of(server.coapsUri().toString(), identity, key, suites);
    }

    /** A device talking to {@code baseUri} ({@code coaps://HOST:PORT}). */
    public static TestDevice of(String baseUri, PskPublicInformation identity, byte[] key, EnosCipherSuite... suites) {
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
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
                .build();
        CoapEndpoint endpoint = CoapEndpoint.builder().setConnector(new DTLSConnector(dtls))
                .setConfiguration(config).build();
        try {
            endpoint.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new TestDevice(endpoint, baseUri);
    }

    /** The first datagram a Scandium client sends: a real DTLS 1.2 ClientHello with both EnOS suites. */
    public static byte[] captureClientHello() throws IOException {
        try (DatagramSocket fake = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            fake.setSoTimeout(5_000);
            try (TestDevice device = of("coaps://127.0.0.1:" + fake.getLocalPort(),
                    new PskPublicInformation("demoProduct,dev01,2,60"), PskKeys.derive("demo-device-secret-01"))) {
                device.fire("/x");
                DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
                fake.receive(packet);
                return Arrays.copyOf(packet.getData(), packet.getLength());
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no ClientHello arrived", e);
            }
        }
    }

    /** GET, or {@code null} when no response came (e.g. the handshake failed). */
    public CoapResponse get(String path) {
        return send(Request.newGet(), path, null);
    }

    /** POST of a JSON body. */
    public CoapResponse post(String path, String json) {
        return send(Request.newPost(), path, json);
    }

    /** Sends {@code request} to {@code path}. */
    public CoapResponse send(Request request, String path, String json) {
        request.setURI(base + path);
        if (json != null) {
            request.setPayload(json);
            request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        }
        return sendAsIs(request);
    }

    /** Sends {@code request} as it is: its URI (and any path segments added after it) already set. */
    public CoapResponse sendAsIs(Request request) {
        try {
            CoapResponse response = client.advanced(request);
            if (response == null) {
                lastFailure = request.isRejected() ? "the server answered with a reset"
                        : request.getSendError() != null ? "it could not be sent: " + request.getSendError()
                        : request.isTimedOut() ? "no response within the client's time-out" : "no response";
            }
            return response;
        } catch (ConnectorException | IOException e) {
            lastFailure = "it could not be sent: " + e;
            return null;
        }
    }

    /** Why the latest request that got no response got none (a reset, a failed handshake, a time-out). */
    public String lastFailure() {
        return lastFailure;
    }

    /**
     * Sends a GET without waiting for the answer: starts the handshake when a test only wants to
     * see what the server journals.
     */
    public void fire(String path) {
        Request request = Request.newGet();
        request.setURI(base + path);
        endpoint.sendRequest(request);
    }

    /** Sends a POST of a JSON body without waiting for the answer. */
    public void firePost(String path, String json) {
        Request request = Request.newPost();
        request.setURI(base + path);
        request.setPayload(json);
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        endpoint.sendRequest(request);
    }

    /**
     * Clears the client's DTLS state, as a client does when it gives up on a session that no
     * longer answers: the next request starts a full handshake.
     */
    public void forgetSession() {
        ((DTLSConnector) endpoint.getConnector()).clearConnectionState();
        client.setDestinationContext(null);
    }

    /** The client's local address. */
    public InetSocketAddress localAddress() {
        return endpoint.getAddress();
    }

    @Override
    public void close() {
        client.shutdown();
        endpoint.destroy();
    }
}
