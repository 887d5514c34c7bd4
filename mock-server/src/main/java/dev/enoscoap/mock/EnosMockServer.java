package dev.enoscoap.mock;

import dev.enoscoap.mock.coap.CoapEvents;
import dev.enoscoap.mock.coap.EnosRequestDeliverer;
import dev.enoscoap.mock.coap.FaultInterceptor;
import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.command.CommandQueue;
import dev.enoscoap.mock.command.CommandReply;
import dev.enoscoap.mock.data.DeviceData;
import dev.enoscoap.mock.data.DeviceDataStore;
import dev.enoscoap.mock.fault.Faults;
import dev.enoscoap.mock.forward.Envelopes;
import dev.enoscoap.mock.forward.Forwarder;
import dev.enoscoap.mock.forward.ForwardingOptions;
import dev.enoscoap.mock.forward.ForwardingStats;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkValidator;
import dev.enoscoap.mock.registry.Device;
import java.util.concurrent.atomic.AtomicLong;
import dev.enoscoap.mock.coap.SecretGenerator;
import dev.enoscoap.mock.dtls.ConnectionStats;
import dev.enoscoap.mock.dtls.SecureEndpoint;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.session.PresenceTracker;
import dev.enoscoap.mock.session.VirtualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mock EnOS CoAP/DTLS server: DTLS 1.2 PSK with the EnOS identities and keys, activation,
 * lifetime tracking, uplink topics, downlink commands, forwarding to business servers, scripted
 * faults, and a journal of everything it saw.
 *
 * <pre>{@code
 * try (EnosMockServer server = EnosMockServer.builder().start()) {
 *     URI uri = server.coapsUri();               // coaps://127.0.0.1:PORT
 *     ...                                         // point a device at it
 *     server.journal().handshakes();             // what happened
 * }
 * }</pre>
 */
public final class EnosMockServer implements AutoCloseable {
    /** The logger that gets one line per journal entry. */
    public static final String JOURNAL_LOGGER = "dev.enoscoap.mock.journal";

    private static final Logger LOG = LoggerFactory.getLogger(JOURNAL_LOGGER);

    static {
        UdpConfig.register();
        DtlsConfig.register();
        CoapConfig.register();
    }

    private final Registry registry;
    private final Journal journal;
    private final PresenceTracker presence;
    private final DeviceDataStore data;
    private final CommandQueue commands;
    private final Faults faults;
    private final Forwarder forwarder;
    private final Clock clock;
    private final List<EnosCipherSuite> cipherSuites;
    private final CoapServer server;
    private final InetSocketAddress address;
    private final AtomicLong envelopes = new AtomicLong();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final SecureEndpoint secure;
    private final JournalLog journalLog;

    private EnosMockServer(Builder b) {
        this.registry = b.registry != null ? b.registry : Registry.demo();
        this.clock = b.clock;
        this.cipherSuites = List.copyOf(b.cipherSuites);
        this.journal = new Journal(b.journalCapacity, clock);
        this.presence = new PresenceTracker(clock, journal);
        this.data = new DeviceDataStore(clock, b.historyCapacity);
        this.commands = new CommandQueue(clock);
        // No HTTP client (and its selector thread) unless there is somewhere to forward to.
        this.forwarder = b.forwardUrls.isEmpty() ? null : new Forwarder(b.forwardUrls, b.forwardingOptions);
        if (forwarder != null) {
            resources.add(forwarder);
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "enos-mock-timer");
            t.setDaemon(true);
            return t;
        });
        resources.add(scheduler::shutdownNow);

        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, b.maxConnections);
        config.set(DtlsConfig.DTLS_STALE_CONNECTION_THRESHOLD, b.staleConnectionThreshold.toSeconds(), TimeUnit.SECONDS);
        config.set(CoapConfig.DEDUPLICATOR, b.deduplicator.californiumName);
        config.set(CoapConfig.PEERS_MARK_AND_SWEEP_MESSAGES, b.deduplicationPerPeer);
        config.set(CoapConfig.EXCHANGE_LIFETIME, b.exchangeLifetime.toMillis(), TimeUnit.MILLISECONDS);
        config.set(CoapConfig.CROP_ROTATION_PERIOD, b.exchangeLifetime.toMillis(), TimeUnit.MILLISECONDS);
        // Block-wise bodies up to well past the payload limit reach the uplink check, which answers 1008.
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, Math.max(65_536, b.maxPayloadBytes * 2));
        SecureEndpoint[] secure = new SecureEndpoint[1];
        this.faults = new Faults(journal, device -> secure[0].forget(device));
        secure[0] = SecureEndpoint.create(new InetSocketAddress(b.bindAddress, b.port), cipherSuites,
                registry, journal, presence, b.autoRegister, faults, config);
        this.server = new CoapServer(config);
        int maxPayload = b.maxPayloadBytes;
        Supplier<UplinkValidator> validator = () -> new UplinkValidator(maxPayload, id -> registry.device(id).isPresent());
        server.setMessageDeliverer(new EnosRequestDeliverer(server.getRoot(), new EnosRequestDeliverer.Parts(registry,
                journal, presence, data, commands, faults, validator, b.secrets, b.allowReactivation, new Events(),
                scheduler)));
        secure[0].endpoint().addInterceptor(new FaultInterceptor(faults));
        server.addEndpoint(secure[0].endpoint());
        this.secure = secure[0];
        this.journalLog = new JournalLog(LOG, "enos-mock-log");
        resources.add(journal.subscribe(journalLog));
        resources.add(journalLog);
        if (forwarder != null) {
            resources.add(journal.subscribe(this::forwardStateChange));
        }
        try {
            server.start();
        } catch (RuntimeException e) {
            server.destroy();
            closeResources();
            throw new IllegalStateException("cannot start the mock on " + b.bindAddress.getHostAddress() + ":" + b.port
                    + ": " + e.getMessage(), e);
        }
        this.address = secure[0].endpoint().getAddress();
        if (clock instanceof VirtualClock virtual) {
            resources.add(virtual.onAdvance(this::sweep));
        } else {
            scheduler.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        }
        // Real time, also with a virtual clock: refusals at the connection limit are journaled per interval.
        scheduler.scheduleWithFixedDelay(this.secure::reportConnectionLimit, 1, 1, TimeUnit.SECONDS);
    }

    /** Ends lifetimes and command timeouts that have run out on the server's clock. */
    private void sweep() {
        presence.sweep();
        commands.expire();
    }

    private void forwardStateChange(JournalEntry entry) {
        if (entry instanceof StateChange change) {
            String type = switch (change.kind()) {
                case ONLINE -> "online";
                case OFFLINE -> "offline";
                case ACTIVATED -> "activation";
                case REGISTERED -> null;
            };
            if (type != null) {
                forwarder.publish(Envelopes.of(type, change.device(), assetIdOf(change.device()), null, null, null,
                        false, change.time(), envelopes.incrementAndGet()));
            }
        }
    }

    private String assetIdOf(DeviceId device) {
        return registry.device(device).map(Device::assetId).orElse(null);
    }

    /** Forwards accepted uplinks and command replies (EC-14). */
    private final class Events implements CoapEvents {
        @Override
        public void uplinkAccepted(Topics.Uplink topic, byte[] payload) {
            if (forwarder != null) {
                forwarder.publish(Envelopes.of("uplink", topic.device(), assetIdOf(topic.device()),
                        topic.path().substring("/topic".length()), topic.method(), payload, !topic.kind().raw(),
                        clock.instant(), envelopes.incrementAndGet()));
            }
        }

        @Override
        public void commandReplied(CommandHandle command, CommandReply reply) {
            if (forwarder != null) {
                byte[] body = reply.raw() != null ? reply.raw()
                        : reply.body().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                forwarder.publish(Envelopes.of("command_reply", command.device(), assetIdOf(command.device()),
                        command.topic() + "_reply", command.command().kind().method(command.command().identifier()),
                        body, reply.raw() == null, reply.receivedAt(), envelopes.incrementAndGet()));
            }
        }
    }

    /** Default of {@link Builder#maxConnections(int)}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 20_000;
    /** Default of {@link Builder#deduplicationPerPeer(int)}. */
    public static final int DEFAULT_DEDUPLICATION_PER_PEER = 64;

    /**
     * How answered confirmable requests are kept, so that a retransmission is answered from the
     * cache instead of being handled twice (RFC 7252 §4.5). Californium's deduplicators.
     */
    public enum Deduplicator {
        /**
         * At most {@link Builder#deduplicationPerPeer(int)} per client, each for at most the exchange
         * lifetime: memory is bounded by the number of clients, whatever the request rate. A
         * client that waits for each answer before the next request (as EnOS devices do) only
         * retransmits its latest request, so nothing a test run needs is lost. The default.
         */
        PEERS("peers", CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP),
        /**
         * Every answered request for the exchange lifetime (Californium's default): memory grows
         * with the request rate, about 4 KB per request per second times 247 s.
         */
        MARK_AND_SWEEP("mark-and-sweep", CoapConfig.DEDUPLICATOR_MARK_AND_SWEEP),
        /** Every answered request for one to two exchange lifetimes, in two rotating maps. */
        CROP_ROTATION("crop-rotation", CoapConfig.DEDUPLICATOR_CROP_ROTATION),
        /** None: a retransmitted request is handled again as if new. */
        OFF("off", CoapConfig.NO_DEDUPLICATOR);

        private final String cliName;
        private final String californiumName;

        Deduplicator(String cliName, String californiumName) {
            this.cliName = cliName;
            this.californiumName = californiumName;
        }

        /** The name on the command line, e.g. {@code peers}. */
        public String cliName() {
            return cliName;
        }

        /**
         * The deduplicator named {@code name} on the command line.
         *
         * @throws IllegalArgumentException naming the choices if there is none
         */
        public static Deduplicator parse(String name) {
            for (Deduplicator d : values()) {
                if (d.cliName.equals(name)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("'" + name + "' is not a deduplicator; choose peers, mark-and-sweep, "
                    + "crop-rotation or off");
        }
    }

    /** A builder with the defaults: demo registry, 127.0.0.1, a free port, both cipher suites. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address the server is bound to, with the real port. */
    public InetSocketAddress address() {
        return address;
    }

    /** The real UDP port. */
    public int port() {
        return address.getPort();
    }

    /** The host to reach the server at: the bind address, or 127.0.0.1 when bound to all addresses. */
    public String host() {
        InetAddress a = address.getAddress();
        return a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
    }

    /** {@code coaps://HOST:PORT}. */
    public URI coapsUri() {
        String h = host();
        return URI.create("coaps://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port());
    }

    /** The products and devices served; changes (activation, registration) show here. */
    public Registry registry() {
        return registry;
    }

    /** Everything the server saw. */
    public Journal journal() {
        return journal;
    }

    /** Online/offline per device (EC-7). */
    public PresenceTracker presence() {
        return presence;
    }

    /** The server's clock; a {@link VirtualClock} when the server was built with one. */
    public Clock clock() {
        return clock;
    }

    /** What a device reported: latest measure points, attributes, events, history. */
    public DeviceData deviceData(DeviceId device) {
        return data.of(device);
    }

    /** Downlink commands: queue one with {@code commands().send(device, Command.setMeasurePoints(...))}. */
    public CommandQueue commands() {
        return commands;
    }

    /** Scripted faults for client robustness tests. */
    public Faults faults() {
        return faults;
    }

    /** Delivery counts per forwarding target (EC-14); empty when none is configured. */
    public List<ForwardingStats> forwarding() {
        return forwarder == null ? List.of() : forwarder.stats();
    }

    /**
     * The DTLS connections: how many are held, the limit, how many handshakes were refused at the
     * limit, and how many connections a newer handshake from the same address replaced.
     */
    public ConnectionStats connections() {
        return secure.connections();
    }

    /**
     * Journal entries that were not written to the log because the log could not keep up (they
     * are in the journal all the same). The log is written by a thread of its own from a bounded
     * queue, so a slow console never slows the server.
     */
    public long journalLinesNotLogged() {
        return journalLog.dropped();
    }

    /** The cipher suites enabled, in order of preference. */
    public List<EnosCipherSuite> cipherSuites() {
        return cipherSuites;
    }

    /** Stops the server and frees its port and threads. Idempotent. */
    @Override
    public void close() {
        closeResources();
        server.destroy();
    }

    private void closeResources() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(EnosMockServer.class).debug("closing {}", r, e);
            }
        }
        resources.clear();
    }

    @Override
    public String toString() {
        return "EnosMockServer[" + coapsUri() + ", " + registry + "]";
    }

    /** Configures and starts an {@link EnosMockServer}. */
    public static final class Builder {
        private Registry registry;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private List<EnosCipherSuite> cipherSuites = List.of(EnosCipherSuite.CCM_8, EnosCipherSuite.CBC_SHA256);
        private boolean autoRegister;
        private boolean allowReactivation = true;
        private int journalCapacity = Journal.DEFAULT_CAPACITY;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration staleConnectionThreshold = Duration.ofSeconds(DtlsConfig.DEFAULT_STALE_CONNECTION_TRESHOLD_SECONDS);
        private Deduplicator deduplicator = Deduplicator.PEERS;
        private int deduplicationPerPeer = DEFAULT_DEDUPLICATION_PER_PEER;
        private Duration exchangeLifetime = Duration.ofSeconds(CoapConfig.DEFAULT_EXCHANGE_LIFETIME_IN_SECONDS);
        private Clock clock = Clock.systemUTC();
        private Supplier<String> secrets = new SecretGenerator();
        private int maxPayloadBytes = 8 * 1024;
        private int historyCapacity = 1_000;
        private List<URI> forwardUrls = new ArrayList<>();
        private ForwardingOptions forwardingOptions = ForwardingOptions.defaults();

        private Builder() {
        }

        /** The registry to serve; default the demo registry from the fixtures. */
        public Builder registry(Registry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** The registry at {@code classpath:NAME} or a file path. */
        public Builder registry(String location) {
            return registry(Registry.fromLocation(location));
        }

        /** The address to bind; default 127.0.0.1. Use {@code 0.0.0.0} so devices on the network reach it. */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The address to bind, by name or literal. */
        public Builder bindAddress(String host) {
            try {
                return bindAddress(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("bind address '" + host + "' cannot be resolved", e);
            }
        }

        /** The UDP port; 0 (the default) picks a free port. EnOS uses 5684 (EC-1). */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port " + port + " is outside 0..65535");
            }
            this.port = port;
            return this;
        }

        /** The cipher suites to enable, in order of preference; default both (EC-2). */
        public Builder cipherSuites(EnosCipherSuite... suites) {
            return cipherSuites(Arrays.asList(suites));
        }

        /** The cipher suites to enable, in order of preference. */
        public Builder cipherSuites(List<EnosCipherSuite> suites) {
            if (suites.isEmpty()) {
                throw new IllegalArgumentException("at least one cipher suite must be enabled (EC-2)");
            }
            this.cipherSuites = List.copyOf(new java.util.LinkedHashSet<>(suites));
            return this;
        }

        /** Whether SecureMode 3 handshakes may add unknown device keys to their product; default off (EC-5). */
        public Builder autoRegister(boolean autoRegister) {
            this.autoRegister = autoRegister;
            return this;
        }

        /** Whether an activated device may activate again (same secret returned); default on (EC-10). */
        public Builder allowReactivation(boolean allow) {
            this.allowReactivation = allow;
            return this;
        }

        /** How many journal entries to keep; the oldest are dropped and counted. */
        public Builder journalCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("journal capacity must be at least 1, was " + capacity);
            }
            this.journalCapacity = capacity;
            return this;
        }

        /**
         * Most DTLS connections held at once (default 20,000). At the limit a new handshake evicts
         * the connection idle longest if it has been idle for the {@link #staleConnectionThreshold
         * stale threshold}; otherwise it is refused, and the refusals are counted
         * ({@link EnosMockServer#connections()}) and journaled once per 10 s. A device that
         * handshakes again from the same address replaces its older connection at once.
         */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max connections must be at least 1, was " + max);
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * How long a DTLS connection must have been idle before a new handshake may evict it when
         * the server holds {@link #maxConnections} connections, and before an older connection of
         * an identity that connected again from another address is removed (default 30 minutes,
         * Scandium's).
         */
        public Builder staleConnectionThreshold(Duration idle) {
            if (idle.isNegative() || idle.toSeconds() < 1) {
                throw new IllegalArgumentException("stale connection threshold must be at least 1 s, was " + idle);
            }
            this.staleConnectionThreshold = idle;
            return this;
        }

        /**
         * How answered confirmable requests are kept to answer retransmissions from the cache
         * (default {@link Deduplicator#PEERS}: at most {@link #deduplicationPerPeer} per client,
         * each for at most the {@link #exchangeLifetime}).
         */
        public Builder deduplicator(Deduplicator deduplicator) {
            this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator");
            return this;
        }

        /** Answered requests kept per client by {@link Deduplicator#PEERS} (default 64, at least 4). */
        public Builder deduplicationPerPeer(int messages) {
            if (messages < 4) {
                throw new IllegalArgumentException("deduplication per peer must be at least 4 messages, was " + messages);
            }
            this.deduplicationPerPeer = messages;
            return this;
        }

        /**
         * How long an answered confirmable request is kept for deduplication (default 247 s, RFC
         * 7252's EXCHANGE_LIFETIME): a client's retransmission within it is answered from the cache.
         */
        public Builder exchangeLifetime(Duration lifetime) {
            if (lifetime.isNegative() || lifetime.toMillis() < 1_000) {
                throw new IllegalArgumentException("exchange lifetime must be at least 1 s, was " + lifetime);
            }
            this.exchangeLifetime = lifetime;
            return this;
        }

        /** The clock for lifetimes and journal times; a {@link VirtualClock} lets tests move time. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where secrets for activating devices without one come from. */
        public Builder secretGenerator(Supplier<String> secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        /** The largest uplink body accepted; larger ones get reply code 1008 (default 8 KiB). */
        public Builder maxPayloadBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("max payload must be at least 1 byte, was " + bytes);
            }
            this.maxPayloadBytes = bytes;
            return this;
        }

        /** Uplinks and events kept per device (default 1000). */
        public Builder historyCapacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("history capacity must be at least 1, was " + capacity);
            }
            this.historyCapacity = capacity;
            return this;
        }

        /** Adds a business server that receives every envelope by HTTP POST (EC-14). */
        public Builder forwardTo(URI url) {
            this.forwardUrls.add(Objects.requireNonNull(url, "url"));
            return this;
        }

        /** Queue size, retries and backoff of forwarding. */
        public Builder forwarding(ForwardingOptions options) {
            this.forwardingOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Builds and starts the server; it is listening when this returns. */
        public EnosMockServer start() {
            return new EnosMockServer(this);
        }
    }
}
