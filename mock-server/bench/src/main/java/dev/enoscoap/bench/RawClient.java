package dev.enoscoap.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * A lean DTLS-PSK CoAP client for load: one Scandium connector (one UDP port, so one session
 * with the server), requests serialised once and patched with a new Message ID and token for
 * each send, one request in flight, answers matched by Message ID. Lighter than a
 * {@code CoapEndpoint}, so more of the shared cores go to the server under test.
 */
final class RawClient implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 3_000;
    private static final int SENDS = 3;

    private final DTLSConnector connector;
    private final EndpointContext server;
    private final BlockingQueue<byte[]> answers = new ArrayBlockingQueue<>(64);
    private volatile int awaited = -1;
    private int mid = ThreadLocalRandom.current().nextInt(65_536);
    private int token = ThreadLocalRandom.current().nextInt();

    /**
     * @param shared executor for the connector's timers and record processing, shared by all clients
     */
    RawClient(InetSocketAddress server, String identity, byte[] key, ScheduledExecutorService shared) {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        config.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE);
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        config.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
                CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA256);
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 4);
        config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, 1_000, TimeUnit.MILLISECONDS);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(new PskPublicInformation(identity), key))
                .setLoggingTag("bench-client")
                .build();
        this.connector = new DTLSConnector(dtls);
        connector.setExecutor(shared);
        connector.setRawDataReceiver(raw -> {
            byte[] bytes = raw.getBytes();
            if (bytes.length >= 4 && (((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF)) == awaited) {
                answers.offer(bytes);
            }
        });
        try {
            connector.start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start a client connector: " + e, e);
        }
        this.server = new AddressEndpointContext(server);
    }

    /** A confirmable POST of {@code json} to {@code path} (no leading slash), Content-Format 50, as bytes. */
    static byte[] post(String path, String json) {
        Request request = Request.newPost();
        request.getOptions().setUriPath(path);
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        request.setPayload(json.getBytes(StandardCharsets.UTF_8));
        request.setMID(0);
        request.setToken(new Token(new byte[4]));
        return new UdpDataSerializer().getByteArray(request);
    }

    /** A CoAP ping: an empty confirmable message, answered with a reset. */
    static byte[] ping() {
        return new byte[] {0x40, 0, 0, 0};
    }

    /**
     * Sends {@code template} with a new Message ID (and token, if it has one) and waits for the
     * answer; a lost datagram is sent again, as CoAP retransmits.
     *
     * @return the answer's code byte (0x44 is 2.04), 0 for a reset, or -1 if none came
     */
    int exchange(byte[] template) throws InterruptedException {
        byte[] message = template.clone();
        mid = (mid + 1) & 0xFFFF;
        message[2] = (byte) (mid >> 8);
        message[3] = (byte) mid;
        if ((message[0] & 0x0F) == 4) {
            token++;
            message[4] = (byte) (token >> 24);
            message[5] = (byte) (token >> 16);
            message[6] = (byte) (token >> 8);
            message[7] = (byte) token;
        }
        answers.clear();
        awaited = mid;
        for (int attempt = 0; attempt < SENDS; attempt++) {
            connector.send(RawData.outbound(message, server, null, false));
            byte[] answer = answers.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (answer != null) {
                awaited = -1;
                boolean reset = (answer[0] & 0x30) == 0x30;
                return reset ? 0 : answer[1] & 0xFF;
            }
        }
        awaited = -1;
        return -1;
    }

    /** Drops the client's DTLS state without telling the server: the next send starts a full handshake. */
    void forget() {
        connector.clearConnectionState();
    }

    /** The client's address: the same for every handshake of this client. */
    InetSocketAddress address() {
        return connector.getAddress();
    }

    /** Stops the connector; the server is not told (no close_notify), so it keeps the session. */
    @Override
    public void close() {
        connector.destroy();
    }
}
