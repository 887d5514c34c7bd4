package dev.enoscoap.conformance.device;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enoscoap.mock.coap.EnosOptions;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.ReplyCode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An EnOS device that runs on its own, like firmware: started once and left running, it activates
 * in SecureMode 3 if it has no device secret (and keeps the secret it is given), connects in
 * SecureMode 2, reports measure points every few seconds (and now and then a batch, offline data,
 * an event and an attribute update), follows option 2100 to fetch and answer commands, starts a new
 * handshake when its session stops answering, and backs off after a failed handshake.
 *
 * <pre>{@code
 * try (ReferenceDevice device = ReferenceDevice.builder()
 *         .server(URI.create("coaps://127.0.0.1:5684"))
 *         .device(DeviceId.parse("demoProduct/dev03"))
 *         .productSecret("demo-product-secret")
 *         .start()) {
 *     ...                                  // an observation session judges it meanwhile
 * }
 * }</pre>
 *
 * <p>{@link DeviceBehaviour} changes named points of what it does, for the kit's self-test of
 * observation. From the command line: {@code java -jar enos-coap-conformance.jar reference-device}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReferenceDevice implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceDevice.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_COMMANDS_PER_REPORT = 10;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    static {
        UdpConfig.register();
        DtlsConfig.register();
        CoapConfig.register();
        EnosOptions.register();
    }

    private final URI server;
    private final DeviceId device;
    private final String productSecret;
    private final Path secretFile;
    private final int lifetime;
    private final Duration interval;
    private final DeviceBehaviour behaviour;
    private final java.util.function.Consumer<String> events;
    private final Thread thread;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger reports = new AtomicInteger();
    private final AtomicInteger commandsAnswered = new AtomicInteger();
    private volatile String deviceSecret;
    private volatile boolean running = true;
    private Session session;
    private int cycle;
    private Duration backoff;
    /** Set after a failed handshake, whose backoff was the wait: the next try comes without the report interval. */
    private boolean retryNow;

    private ReferenceDevice(Builder b) {
        this.server = b.server;
        this.device = b.device;
        this.productSecret = b.productSecret;
        this.secretFile = b.secretFile;
        this.lifetime = b.lifetime;
        this.interval = b.interval;
        this.behaviour = b.behaviour;
        this.events = b.events;
        this.deviceSecret = b.deviceSecret != null ? b.deviceSecret : readSecret(b.secretFile);
        this.backoff = behaviour.handshakeBackoff();
        this.thread = new Thread(this::run, "enos-reference-device-" + device.deviceKey());
        thread.setDaemon(true);
    }

    /** A builder; {@link Builder#server}, {@link Builder#device} and a secret are required. */
    public static Builder builder() {
        return new Builder();
    }

    private static String readSecret(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? null : s;
        } catch (IOException e) {
            throw new IllegalArgumentException("secret file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The device. */
    public DeviceId device() {
        return device;
    }

    /** The device secret it holds: given, kept from an earlier activation, or from activation. */
    public String deviceSecret() {
        return deviceSecret;
    }

    /** How many uploads the server answered. */
    public int reports() {
        return reports.get();
    }

    /** How many commands it fetched and answered. */
    public int commandsAnswered() {
        return commandsAnswered.get();
    }

    /** One DTLS session: a client endpoint with its own port. */
    private final class Session {
        final CoapEndpoint endpoint;
        final DTLSConnector connector;
        final int mode;

        Session(int mode, String secret) throws IOException {
            this.mode = mode;
            String identity = behaviour.identity().format(device.productKey(), device.deviceKey(), mode, lifetime);
            Configuration config = Configuration.createStandardWithoutFile();
            config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
            config.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE);
            config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
            List<CipherSuite> suites = new ArrayList<>();
            behaviour.cipherSuites().forEach(s -> suites.add(CipherSuite.valueOf(s.ianaName())));
            behaviour.extraCipherSuites().forEach(s -> suites.add(CipherSuite.valueOf(s)));
            config.set(DtlsConfig.DTLS_CIPHER_SUITES, suites);
            config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, behaviour.dtlsRetransmissionTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            config.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, behaviour.dtlsMaxRetransmissions());
            config.set(CoapConfig.ACK_TIMEOUT, behaviour.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            config.set(CoapConfig.ACK_INIT_RANDOM, behaviour.ackRandomFactor());
            config.set(CoapConfig.ACK_TIMEOUT_SCALE, behaviour.ackTimeoutScale());
            config.set(CoapConfig.MAX_RETRANSMIT, behaviour.maxRetransmit());
            byte[] key = behaviour.keyDerivation().apply(secret);
            DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                    .setAddress(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0))
                    .setAdvancedPskStore(new AdvancedSinglePskStore(new PskPublicInformation(identity), key))
                    .setLoggingTag(behaviour.name())
                    .build();
            this.connector = new DTLSConnector(dtls);
            this.endpoint = CoapEndpoint.builder().setConnector(connector).setConfiguration(config).build();
            endpoint.start();
        }

        /** Forgets the DTLS state: the next request starts a full handshake from the same port. */
        void forget() {
            connector.clearConnectionState();
        }

        void close() {
            endpoint.destroy();
        }
    }

    /** What a request ended with. */
    private record Outcome(Response response, Throwable sendError) {
        boolean answered() {
            return response != null;
        }

        boolean handshakeFailed() {
            return sendError != null;
        }
    }

    /** Starts the device on its own thread. */
    private ReferenceDevice startThread() {
        thread.start();
        return this;
    }

    private void run() {
        while (running) {
            try {
                if (deviceSecret == null) {
                    activate();
                } else {
                    report();
                }
                if (running && !retryNow) {
                    pause(interval);
                }
                retryNow = false;
            } catch (RuntimeException e) {
                LOG.warn("{}: {}", e.toString());
                pause(interval);
            }
        }
        closeSession();
    }

    private void activate() {
        if (productSecret == null) {
            throw new IllegalStateException(device + " has neither a device secret nor a product secret");
        }
        Session s3;
        try {
            s3 = new Session(3, productSecret);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a UDP socket: " + e.getMessage(), e);
        }
        try {
            String path = Topics.activationPath(device) + behaviour.activationPathSuffix();
            Outcome o = send(s3, CoAP.Code.GET, path, null);
            if (o.handshakeFailed()) {
                handshakeFailed("SecureMode 3", o.sendError());
                return;
            }
            backoff = behaviour.handshakeBackoff();
            if (!o.answered() || !o.response().isSuccess()) {
                note("activation answered {}", o.answered() ? o.response().getCode() : "nothing");
                pause(backoff);
                return;
            }
            JsonNode secret = JSON.readTree(o.response().getPayload()).path("params").get("deviceSecret");
            if (secret == null || !secret.isTextual() || secret.textValue().isEmpty()) {
                note("activation answer without params.deviceSecret");
                pause(backoff);
                return;
            }
            if (behaviour.reportOnSecureMode3Session()) {
                send(s3, CoAP.Code.POST, Topics.uplinkPath(UplinkKind.MEASUREPOINT_POST, device),
                        body(UplinkKind.MEASUREPOINT_POST.method(null), p -> p.set("measurepoints", JSON.valueToTree(Map.of("temp", 20.0))),
                                true).toString());
            }
            String kept = behaviour.reconnectWithProductSecret() ? productSecret : secret.textValue();
            keepSecret(secret.textValue());
            deviceSecret = kept;
            note("activated in SecureMode 3; device secret received" + (secretFile == null ? "" : " and kept in "
                    + secretFile));
        } catch (IOException e) {
            note("activation answer is not JSON: {}", e.getMessage());
            pause(backoff);
        } finally {
            s3.close();
        }
    }

    private void keepSecret(String secret) {
        if (secretFile == null) {
            return;
        }
        try {
            Path tmp = secretFile.resolveSibling(secretFile.getFileName() + ".tmp");
            Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, secretFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("{}: cannot keep the device secret in {}: {}", secretFile, e.getMessage());
        }
    }

    private void report() {
        Session s = session();
        String path;
        ObjectNode body;
        UplinkKind kind = nextKind();
        switch (kind) {
            case MEASUREPOINT_POST_BATCH -> {
                path = Topics.uplinkPath(kind, device);
                body = body(UplinkKind.MEASUREPOINT_POST_BATCH.method(null), p -> { }, false);
                ArrayNode entries = body.putArray("params");
                for (int i = 0; i < 2; i++) {
                    ObjectNode entry = entries.addObject();
                    entry.set("measurepoints", JSON.valueToTree(Map.of("temp", 20.0 + i)));
                    entry.put("time", now());
                }
            }
            case MEASUREPOINT_RESUME -> {
                path = Topics.uplinkPath(kind, device);
                body = body(UplinkKind.MEASUREPOINT_RESUME.method(null), p -> {
                    p.set("measurepoints", JSON.valueToTree(Map.of("temp", 19.5)));
                    p.put("time", now() - (behaviour.timeInSeconds() ? 3_600 : 3_600_000));
                }, true);
            }
            case EVENT_POST -> {
                path = Topics.eventPath(device, "heartbeat");
                body = body(UplinkKind.EVENT_POST.method("heartbeat"), p -> {
                    p.set("events", JSON.valueToTree(Map.of("uptime", reports.get())));
                    p.put("time", now());
                }, true);
            }
            case ATTRIBUTE_UPDATE -> {
                path = Topics.uplinkPath(kind, device);
                body = body(UplinkKind.ATTRIBUTE_UPDATE.method(null), p -> p.set("attributes", JSON.valueToTree(Map.of("firmware",
                        "1.0.0"))), true);
            }
            default -> {
                path = Topics.uplinkPath(UplinkKind.MEASUREPOINT_POST, device);
                body = body(behaviour.measurePointMethod(), p -> {
                    p.set("measurepoints", JSON.valueToTree(Map.of("temp", 21.5, "humidity", 40)));
                    p.put("time", now());
                }, true);
            }
        }
        Outcome o = send(s, CoAP.Code.POST, path, body.toString());
        if (!handled(s, o)) {
            return;
        }
        int n = reports.incrementAndGet();
        if (n == 1 || n % 10 == 0) {
            note("upload " + n + " answered " + o.response().getCode());
        }
        int code = replyCode(o.response());
        if (code >= 0 && code != ReplyCode.OK.code()) {
            note("upload to {} answered reply code {}", path, code);
            if (behaviour.reconnectOnApplicationError()) {
                s.forget();
            }
            return;
        }
        followCommands(s, o.response());
    }

    private UplinkKind nextKind() {
        int i = cycle++;
        if (!behaviour.optionalUploads()) {
            return UplinkKind.MEASUREPOINT_POST;
        }
        return switch (i % 10) {
            case 3 -> UplinkKind.EVENT_POST;
            case 5 -> UplinkKind.ATTRIBUTE_UPDATE;
            case 7 -> UplinkKind.MEASUREPOINT_POST_BATCH;
            case 9 -> UplinkKind.MEASUREPOINT_RESUME;
            default -> UplinkKind.MEASUREPOINT_POST;
        };
    }

    /** Whether a request got an answer; otherwise handles the failure (backoff, new handshake). */
    private boolean handled(Session s, Outcome o) {
        if (o.handshakeFailed()) {
            handshakeFailed("SecureMode 2", o.sendError());
            return false;
        }
        backoff = behaviour.handshakeBackoff();
        if (!o.answered()) {
            note("no answer within {} s", behaviour.requestTimeout().toSeconds());
            if (behaviour.rehandshakeOnTimeout()) {
                s.forget();
            }
            return false;
        }
        return true;
    }

    private void handshakeFailed(String what, Throwable error) {
        note("{} handshake failed ({}); next try in {} ms", what, error, backoff.toMillis());
        if (session != null) {
            session.forget();
        }
        pause(backoff);
        retryNow = true;
        Duration next = backoff.multipliedBy(2);
        backoff = next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
    }

    private void followCommands(Session s, Response response) {
        if (!behaviour.followCommands() || commandsAnswered.get() >= behaviour.commandsToAnswer()) {
            return;
        }
        Response last = response;
        for (int i = 0; i < MAX_COMMANDS_PER_REPORT && running && commandsAnswered.get() < behaviour.commandsToAnswer(); i++) {
            Option topic = last.getOptions().getOtherOption(EnosOptions.COMMAND_TOPIC);
            if (topic == null) {
                return;
            }
            Outcome fetched = send(s, CoAP.Code.GET, topic.getStringValue(), null);
            if (!handled(s, fetched) || !fetched.response().isSuccess()) {
                return;
            }
            String id;
            try {
                id = JSON.readTree(fetched.response().getPayload()).path("id").asText();
            } catch (IOException e) {
                note("command on {} is not JSON", topic.getStringValue());
                return;
            }
            ObjectNode reply = JsonNodeFactory.instance.objectNode();
            reply.put("id", id).put("code", 200).putObject("data");
            Outcome answered = send(s, CoAP.Code.POST, topic.getStringValue() + behaviour.replySuffix(), reply.toString());
            if (!handled(s, answered)) {
                return;
            }
            if (answered.response().isSuccess()) {
                commandsAnswered.incrementAndGet();
                note("command " + id + " fetched from " + topic.getStringValue() + " and answered");
            }
            last = fetched.response().getOptions().getOtherOption(EnosOptions.COMMAND_TOPIC) != null ? fetched.response()
                    : answered.response();
        }
    }

    private Session session() {
        if (session == null) {
            try {
                session = new Session(behaviour.reconnectMode(), deviceSecret);
            } catch (IOException e) {
                throw new IllegalStateException("cannot open a UDP socket: " + e.getMessage(), e);
            }
        }
        return session;
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    private Outcome send(Session s, CoAP.Code code, String path, String json) {
        Request request = new Request(code, behaviour.confirmable() ? CoAP.Type.CON : CoAP.Type.NON);
        request.setURI(server.toString().replaceAll("/+$", "") + path);
        if (json != null) {
            request.setPayload(json);
            request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
        }
        if (behaviour.reuseToken()) {
            request.setToken(new Token(new byte[] {0x42, 0x42}));
        }
        if (behaviour.reuseMessageId()) {
            request.setMID(4242);
        }
        s.endpoint.sendRequest(request);
        try {
            Response r = request.waitForResponse(behaviour.requestTimeout().toMillis());
            if (r == null) {
                Throwable error = request.getSendError();
                request.cancel();
                return new Outcome(null, error);
            }
            return new Outcome(r, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.cancel();
            return new Outcome(null, null);
        }
    }

    private int replyCode(Response r) {
        try {
            JsonNode body = JSON.readTree(r.getPayload());
            return body != null && body.path("code").canConvertToInt() ? body.get("code").intValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private long now() {
        long ms = System.currentTimeMillis();
        return behaviour.timeInSeconds() ? ms / 1000 : ms;
    }

    private ObjectNode body(String method, java.util.function.Consumer<ObjectNode> params, boolean paramsObject) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", Long.toString(ids.incrementAndGet()));
        body.put("version", "1.0");
        body.put("method", method);
        if (paramsObject) {
            params.accept(body.putObject("params"));
        }
        if (behaviour.payloadPadding() > 0) {
            body.put("padding", "x".repeat(behaviour.payloadPadding()));
        }
        return body;
    }

    /** Logs an event, and tells the listener given to the builder, e.g. a command line printing it. */
    private void note(String pattern, Object... args) {
        StringBuilder sb = new StringBuilder();
        int a = 0;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.startsWith("{}", i) && a < args.length) {
                sb.append(args[a++]);
                i++;
            } else {
                sb.append(pattern.charAt(i));
            }
        }
        String text = sb.toString();
        LOG.info("{}: {}", text);
        if (events != null) {
            events.accept(text);
        }
    }

    private void pause(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        synchronized (this) {
            while (running) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops the device and closes its sockets. */
    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(behaviour.requestTimeout().toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ReferenceDevice[" + device + ", " + behaviour.name() + " -> " + server + "]";
    }

    /** Configures and starts a {@link ReferenceDevice}. */
    public static final class Builder {
        private URI server;
        private DeviceId device;
        private String deviceSecret;
        private String productSecret;
        private Path secretFile;
        private int lifetime = 60;
        private Duration interval = Duration.ofSeconds(2);
        private DeviceBehaviour behaviour = DeviceBehaviour.conformant();
        private java.util.function.Consumer<String> events;

        private Builder() {
        }

        /** Hears what the device does, one line per event (activation, failures, every tenth upload). */
        public Builder events(java.util.function.Consumer<String> listener) {
            this.events = listener;
            return this;
        }

        /** The server, {@code coaps://HOST:PORT}. */
        public Builder server(URI server) {
            this.server = Objects.requireNonNull(server, "server");
            return this;
        }

        /** The device it is. */
        public Builder device(DeviceId device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        /** Its device secret, if it was registered with one (SecureMode 2 from the start). */
        public Builder deviceSecret(String secret) {
            this.deviceSecret = secret;
            return this;
        }

        /** Its product secret, to activate in SecureMode 3 when it has no device secret. */
        public Builder productSecret(String secret) {
            this.productSecret = secret;
            return this;
        }

        /** A file that keeps the device secret from activation across restarts (read at start when present). */
        public Builder secretFile(Path file) {
            this.secretFile = file;
            return this;
        }

        /** The Lifetime in its identity (default 60 s; EC-7 allows 30..86400). */
        public Builder lifetime(int seconds) {
            this.lifetime = seconds;
            return this;
        }

        /** Time between reports (default 2 s). */
        public Builder interval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("interval must not be negative, was " + interval);
            }
            this.interval = interval;
            return this;
        }

        /** How it behaves (default {@link DeviceBehaviour#conformant()}). */
        public Builder behaviour(DeviceBehaviour behaviour) {
            this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
            return this;
        }

        /**
         * Starts the device on its own thread.
         *
         * @throws IllegalArgumentException for a missing server, device or secret
         */
        public ReferenceDevice start() {
            if (server == null || !"coaps".equals(server.getScheme()) || server.getHost() == null) {
                throw new IllegalArgumentException("server must be coaps://HOST:PORT, was " + server);
            }
            Objects.requireNonNull(device, "device");
            if (deviceSecret == null && productSecret == null && readSecret(secretFile) == null) {
                throw new IllegalArgumentException(device + " needs a device secret, or a product secret to activate "
                        + "with (EC-4, EC-5)");
            }
            return new ReferenceDevice(this).startThread();
        }
    }
}
