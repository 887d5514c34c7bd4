package dev.enoscoap.conformance.reference;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.conformance.spi.ClientFailure;
import dev.enoscoap.conformance.spi.ClientInfo;
import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.spi.EnosClientAdapter;
import dev.enoscoap.conformance.spi.PublishResult;
import dev.enoscoap.mock.coap.EnosOptions;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.Lifetime;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.protocol.ReplyCode;
import dev.enoscoap.mock.protocol.ResponseCode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * An EnOS CoAP/DTLS client on Californium and Scandium that follows PROTOCOL.md: the kit's
 * yardstick, and a usable client. It keeps one DTLS session per device identity, retries a
 * refused handshake with backoff, handshakes again when its session was lost, and follows
 * option 2100.
 *
 * <pre>{@code
 * try (ReferenceClient client = new ReferenceClient()) {
 *     ConnectionSpec spec = new ConnectionSpec(URI.create("coaps://127.0.0.1:5684"), "pk", "dk",
 *             SecureMode.PRODUCT_SECRET, "product-secret", 300, List.of());
 *     String secret = client.activate(spec);
 *     client.reportMeasurePoints(spec.with(SecureMode.DEVICE_SECRET, secret), Map.of("temp", 21.5));
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReferenceClient implements EnosClientAdapter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long REQUEST_TIMEOUT_MS = 10_000;
    private static final long PING_TIMEOUT_MS = 6_000;

    static {
        UdpConfig.register();
        DtlsConfig.register();
        CoapConfig.register();
        EnosOptions.register();
    }

    private final Behaviour behaviour;
    private final Map<String, Session> sessions = new HashMap<>();
    private final AtomicLong messageIds = new AtomicLong();

    /** A conformant client. */
    public ReferenceClient() {
        this(Behaviour.conformant());
    }

    /** A client that behaves as {@code behaviour} says. */
    public ReferenceClient(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    private static final class Session {
        final CoapEndpoint endpoint;
        final CoapClient client;
        String announcedCommand;

        Session(CoapEndpoint endpoint, CoapClient client) {
            this.endpoint = endpoint;
            this.client = client;
        }

        void close() {
            client.shutdown();
            endpoint.destroy();
        }

        void forgetDtlsState() {
            ((DTLSConnector) endpoint.getConnector()).clearConnectionState();
            client.setDestinationContext(null);
        }
    }

    @Override
    public ClientInfo info() {
        return new ClientInfo(behaviour.name(), version(), EnumSet.allOf(Capability.class));
    }

    private static String version() {
        String v = ReferenceClient.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    @Override
    public void connect(ConnectionSpec spec) throws ClientFailure {
        session(spec);
    }

    @Override
    public String activate(ConnectionSpec spec) throws ClientFailure {
        String secret;
        Session s3 = session(spec);
        try {
            if (behaviour.probeTopicOnSecureMode3Session()) {
                send(s3, Code.GET, uplinkPath(spec, UplinkKind.MEASUREPOINT_POST), null);
            }
            String path = behaviour.activationPath().path(spec.productKey(), spec.deviceKey());
            CoapResponse response = send(s3, Code.GET, path, null);
            for (int attempt = 1; attempt < behaviour.activationAttempts() && response != null && !response.isSuccess();
                    attempt++) {
                response = send(s3, Code.GET, path, null);
            }
            boolean fallback = behaviour.activationFallback() == Behaviour.ActivationFallback.PRODUCT_SECRET;
            if (response == null) {
                if (fallback) {
                    return spec.secret();
                }
                throw new ClientFailure("activation request got no response");
            }
            if (!response.isSuccess()) {
                if (fallback && response.getCode() == CoAP.ResponseCode.NOT_FOUND) {
                    return spec.secret();
                }
                throw new ClientFailure("activation answered " + response.getCode().text + " "
                        + response.getResponseText() + "; no device secret");
            }
            JsonNode body;
            try {
                body = JSON.readTree(response.getPayload());
            } catch (IOException e) {
                throw new ClientFailure("activation answer is not JSON: " + e.getMessage());
            }
            JsonNode value = body == null ? null : body.path("params").get(behaviour.secretField());
            if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
                throw new ClientFailure("activation answer has no params." + behaviour.secretField() + ": " + body);
            }
            secret = value.textValue();
            if (behaviour.reportOnSecureMode3Session()) {
                send(s3, Code.POST, uplinkPath(spec, UplinkKind.MEASUREPOINT_POST),
                        body(behaviour.measurePointMethod(), params -> params.set("measurepoints",
                                JSON.valueToTree(Map.of("activated", 1)))).toString());
            }
        } finally {
            close(spec);
        }
        if (behaviour.reconnectAfterActivation()) {
            String reconnectWith = behaviour.reconnectWithProductSecret() ? spec.secret() : secret;
            try {
                session(spec.with(SecureMode.DEVICE_SECRET, reconnectWith));
            } catch (ClientFailure e) {
                throw new ClientFailure("activation answered, but the SecureMode 2 reconnect failed: " + e.getMessage(),
                        Map.of("deviceSecret", secret));
            }
        }
        return secret;
    }

    @Override
    public PublishResult reportMeasurePoints(ConnectionSpec spec, Map<String, Object> measurePoints) throws ClientFailure {
        return publish(spec, uplinkPath(spec, UplinkKind.MEASUREPOINT_POST), body(behaviour.measurePointMethod(),
                params -> {
                    params.set("measurepoints", JSON.valueToTree(measurePoints));
                    params.put("time", now());
                }));
    }

    @Override
    public PublishResult reportMeasurePointBatch(ConnectionSpec spec, List<Map<String, Object>> batch) throws ClientFailure {
        ObjectNode body = body(behaviour.batchMethod(), p -> { });
        var entries = body.putArray("params");
        for (Map<String, Object> points : batch) {
            ObjectNode entry = entries.addObject();
            entry.set("measurepoints", JSON.valueToTree(points));
            entry.put("time", now());
        }
        return publish(spec, uplinkPath(spec, UplinkKind.MEASUREPOINT_POST_BATCH), body.toString());
    }

    @Override
    public PublishResult resumeMeasurePoints(ConnectionSpec spec, Map<String, Object> measurePoints, Instant measuredAt)
            throws ClientFailure {
        boolean live = behaviour.resumeOnPostTopic();
        return publish(spec, uplinkPath(spec, live ? UplinkKind.MEASUREPOINT_POST : UplinkKind.MEASUREPOINT_RESUME),
                body(live ? behaviour.measurePointMethod() : UplinkKind.MEASUREPOINT_RESUME.method(null), params -> {
                    params.set("measurepoints", JSON.valueToTree(measurePoints));
                    params.put("time", measuredAt.toEpochMilli());
                }));
    }

    @Override
    public PublishResult postEvent(ConnectionSpec spec, String identifier, Map<String, Object> values) throws ClientFailure {
        return publish(spec, Topics.eventPath(spec.device(), identifier), body(behaviour.eventMethod().apply(identifier),
                params -> {
                    params.set("events", JSON.valueToTree(values));
                    params.put("time", now());
                }));
    }

    @Override
    public PublishResult updateAttributes(ConnectionSpec spec, Map<String, Object> attributes) throws ClientFailure {
        return publish(spec, uplinkPath(spec, UplinkKind.ATTRIBUTE_UPDATE), body(UplinkKind.ATTRIBUTE_UPDATE.method(null),
                params -> params.set(behaviour.attributesMember(), JSON.valueToTree(attributes))));
    }

    private long now() {
        long ms = System.currentTimeMillis();
        return behaviour.timeInSeconds() ? ms / 1000 : ms;
    }

    private static String uplinkPath(ConnectionSpec spec, UplinkKind kind) {
        return Topics.uplinkPath(kind, spec.device());
    }

    /** An EnOS request body with a fresh id, {@code method}, and {@code params} filled by {@code fill}. */
    private ObjectNode body(String method, Consumer<ObjectNode> fill) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", Long.toString(messageIds.incrementAndGet()));
        body.put("version", "1.0");
        body.put("method", method);
        fill.accept(body.putObject("params"));
        if (behaviour.payloadPadding() > 0) {
            body.put("padding", "x".repeat(behaviour.payloadPadding()));
        }
        return body;
    }

    private PublishResult publish(ConnectionSpec spec, String path, ObjectNode body) throws ClientFailure {
        return publish(spec, path, body.toString());
    }

    private PublishResult publish(ConnectionSpec spec, String path, String body) throws ClientFailure {
        Session s = session(spec);
        CoapResponse response = send(s, Code.POST, path, body);
        if (response == null) {
            throw new ClientFailure("no response to " + path);
        }
        remember(s, response);
        String code = response.getCode().text;
        if (behaviour.errorAnswersAsSuccess() && !response.isSuccess()) {
            return new PublishResult(ResponseCode.CHANGED.text(), -1);
        }
        int replyCode = -1;
        try {
            if (!behaviour.readReplyCode()) {
                return new PublishResult(code, -1);
            }
            JsonNode reply = JSON.readTree(response.getPayload());
            if (reply != null && reply.path("code").canConvertToInt()) {
                replyCode = reply.get("code").intValue();
            }
        } catch (IOException e) {
            // no EnOS reply body
        }
        PublishResult result = new PublishResult(code, replyCode);
        if (!result.succeeded() && behaviour.reportFailures()) {
            throw new ClientFailure("upload answered " + code + " with reply code " + replyCode);
        }
        return result;
    }

    @Override
    public List<String> answerCommands(ConnectionSpec spec) throws ClientFailure {
        List<String> answered = new ArrayList<>();
        if (!behaviour.followCommands()) {
            return answered;
        }
        Session s = session(spec);
        while (s.announcedCommand != null && answered.size() < behaviour.commandsPerCall()) {
            String topic = s.announcedCommand;
            s.announcedCommand = null;
            CoapResponse command = send(s, Code.GET, topic, null);
            if (command == null || !command.isSuccess()) {
                throw new ClientFailure("fetching command " + topic + " got " + (command == null ? "no response"
                        : command.getCode().text));
            }
            remember(s, command);
            String id;
            try {
                id = JSON.readTree(command.getPayload()).path("id").asText();
            } catch (IOException e) {
                throw new ClientFailure("command on " + topic + " is not JSON");
            }
            CoapResponse ack = send(s, Code.POST, Topics.replyPath(topic),
                    "{\"id\":\"" + id + "\",\"code\":" + ReplyCode.OK.code() + ",\"data\":{}}");
            if (ack == null || !ack.isSuccess()) {
                throw new ClientFailure("reply to command " + id + " got " + (ack == null ? "no response" : ack.getCode().text));
            }
            remember(s, ack);
            answered.add(id);
        }
        return answered;
    }

    @Override
    public void close() {
        sessions.values().forEach(Session::close);
        sessions.clear();
    }

    private void close(ConnectionSpec spec) {
        Session s = sessions.remove(identityOf(spec));
        if (s != null) {
            s.close();
        }
    }

    private static void remember(Session s, CoapResponse response) {
        Option topic = response.getOptions().getOtherOption(EnosOptions.COMMAND_TOPIC);
        if (topic != null) {
            s.announcedCommand = topic.getStringValue();
        }
    }

    private String identityOf(ConnectionSpec spec) {
        int mode = spec.secureMode() == SecureMode.DEVICE_SECRET ? behaviour.deviceSecretMode() : spec.secureMode().code();
        return behaviour.identity().format(spec.productKey(), spec.deviceKey(), mode, spec.lifetimeSeconds());
    }

    /** The device's session, handshaking (with retries) if there is none. */
    private Session session(ConnectionSpec spec) throws ClientFailure {
        if (behaviour.checkLifetime() && !Lifetime.isAllowed(spec.lifetimeSeconds())) {
            throw new ClientFailure("Lifetime " + spec.lifetimeSeconds() + " s is outside " + Lifetime.MIN_SECONDS + ".."
                    + Lifetime.MAX_SECONDS + " (EC-7); not connecting");
        }
        String identity = identityOf(spec);
        Session existing = sessions.get(identity);
        if (existing != null) {
            return existing;
        }
        Session s = open(spec, identity);
        for (int attempt = 1; attempt <= behaviour.handshakeAttempts(); attempt++) {
            if (s.client.ping(PING_TIMEOUT_MS)) {
                sessions.put(identity, s);
                return s;
            }
            s.forgetDtlsState();
            if (attempt < behaviour.handshakeAttempts()) {
                sleep(behaviour.handshakeBackoff().toMillis() << (attempt - 1));
            }
        }
        if (!behaviour.reportFailures()) {
            sessions.put(identity, s);
            return s;
        }
        s.close();
        throw new ClientFailure("DTLS handshake as '" + identity + "' with " + spec.server() + " failed "
                + behaviour.handshakeAttempts() + " times");
    }

    private Session open(ConnectionSpec spec, String identity) throws ClientFailure {
        List<EnosCipherSuite> asked = spec.cipherSuites().isEmpty() ? List.of(EnosCipherSuite.values()) : spec.cipherSuites();
        List<String> suites = behaviour.offeredSuites() != null ? behaviour.offeredSuites()
                : asked.stream().map(EnosCipherSuite::ianaName).toList();
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        config.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE);
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        config.set(DtlsConfig.DTLS_CIPHER_SUITES, suites.stream().map(CipherSuite::valueOf).toList());
        config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, behaviour.dtlsRetransmissionTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        config.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, behaviour.dtlsMaxRetransmissions());
        // Californium always retransmits at least once; a client that "never retransmits" waits longer
        // for the ACK than it waits for the response.
        config.set(CoapConfig.ACK_TIMEOUT, behaviour.retransmit() ? 1_000 : 2 * REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        config.set(CoapConfig.ACK_INIT_RANDOM, 1.0f);
        config.set(CoapConfig.MAX_RETRANSMIT, behaviour.retransmit() ? 2 : 1);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .setAdvancedPskStore(new AdvancedSinglePskStore(new PskPublicInformation(identity),
                        behaviour.keyDerivation().apply(spec.secret())))
                .build();
        CoapEndpoint endpoint = CoapEndpoint.builder().setConnector(new DTLSConnector(dtls)).setConfiguration(config).build();
        try {
            endpoint.start();
        } catch (IOException e) {
            throw new ClientFailure("cannot open a UDP socket: " + e.getMessage(), e);
        }
        CoapClient client = new CoapClient(spec.server().toString());
        client.setEndpoint(endpoint);
        client.setTimeout(REQUEST_TIMEOUT_MS);
        return new Session(endpoint, client);
    }

    /** Sends a request, or {@code null} when no response came even after a new handshake. */
    private CoapResponse send(Session s, Code method, String path, String json) throws ClientFailure {
        CoapResponse response = sendOnce(s, method, path, json);
        if (response == null && behaviour.rehandshakeOnTimeout()) {
            // The server may have lost the session (EC-1): start over with a full handshake.
            s.forgetDtlsState();
            response = sendOnce(s, method, path, json);
        }
        return response;
    }

    private CoapResponse sendOnce(Session s, Code method, String path, String json) throws ClientFailure {
        Request request = new Request(method);
        request.setURI(s.client.getURI().replaceAll("/+$", "") + path);
        request.setConfirmable(behaviour.confirmable());
        if (behaviour.reuseToken()) {
            request.setToken(new Token(new byte[] {0x42}));
        }
        if (json != null) {
            request.setPayload(json);
            request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        }
        try {
            return s.client.advanced(request);
        } catch (ConnectorException | IOException e) {
            throw new ClientFailure("sending " + path + " failed: " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
