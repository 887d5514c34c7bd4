package dev.enoscoap.mock;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.coap.ActivationPolicy;
import dev.enoscoap.mock.coap.EnosRequestDeliverer;
import dev.enoscoap.mock.coap.FaultInterceptor;
import dev.enoscoap.mock.coap.WireTapInterceptor;
import dev.enoscoap.mock.wire.WireTap;
import dev.enoscoap.mock.command.CommandQueue;
import dev.enoscoap.mock.data.DataLimits;
import dev.enoscoap.mock.data.DeviceData;
import dev.enoscoap.mock.data.DeviceDataStore;
import dev.enoscoap.mock.fault.Faults;
import dev.enoscoap.mock.forward.ForwardingEvents;
import dev.enoscoap.mock.forward.Forwarder;
import dev.enoscoap.mock.forward.ForwardingOptions;
import dev.enoscoap.mock.forward.ForwardingStats;
import dev.enoscoap.mock.journal.DropReport;
import dev.enoscoap.mock.journal.ServerEvent;
import dev.enoscoap.mock.persist.StateDirectory;
import dev.enoscoap.mock.persist.StateException;
import dev.enoscoap.mock.registry.RegistryException;
import dev.enoscoap.mock.registry.RegistryWatcher;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.UplinkValidator;
import dev.enoscoap.mock.protocol.SecretGenerator;
import dev.enoscoap.mock.dtls.SecureEndpoint;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.session.ConnectionStats;
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
import org.apiguardian.api.API;
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
@API(status = EXPERIMENTAL, since = "0.1")
public final class EnosMockServer implements AutoCloseable {
    /** The logger that gets one line per journal entry. */
    public static final String JOURNAL_LOGGER = "dev.enoscoap.mock.journal";

    /** How many devices auto-registration adds at most, unless the builder says otherwise. */
    public static final int DEFAULT_AUTO_REGISTER_LIMIT = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(JOURNAL_LOGGER);

    static {
        UdpConfig.register();
        DtlsConfig.register();
        CoapConfig.register();
    }

    private final Registry registry;
    private final Journal journal;
    private final DropReport drops;
    private final StateDirectory state;
    private final PresenceTracker presence;
    private final DeviceDataStore data;
    private final CommandQueue commands;
    private final Faults faults;
    private final WireTap wire;
    private final Forwarder forwarder;
    private final Clock clock;
    private final List<EnosCipherSuite> cipherSuites;
    private final CoapServer server;
    private final InetSocketAddress address;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final SecureEndpoint secure;
    private final JournalLog journalLog;
    private volatile boolean running;

    private EnosMockServer(Builder b) {
        this.registry = b.registry != null ? b.registry : Registry.demo();
        this.clock = b.clock;
        this.cipherSuites = List.copyOf(b.cipherSuites);
        this.journal = new Journal(b.journalCapacity, clock);
        this.drops = new DropReport(journal, clock, DropReport.DEFAULT_INTERVAL);
        this.presence = new PresenceTracker(clock, journal);
        this.data = new DeviceDataStore(clock, b.dataLimits, drops);
        this.commands = new CommandQueue(clock, b.maxCommandsPerDevice, b.maxCommandsTotal, drops);
        // One log line per entry, written by a thread of its own so a slow console never slows a request.
        this.journalLog = new JournalLog(LOG, "enos-mock-log");
        resources.add(journal.subscribe(journalLog));
        resources.add(journalLog);
        // Before anything runs: a state directory that cannot be read stops the start, naming the file.
        this.state = b.stateDirectory == null ? null : StateDirectory.open(b.stateDirectory);
        if (state != null) {
            restoreState();
        }
        this.forwarder = new Forwarder(b.forwardUrls, b.forwardingOptions);
        resources.add(forwarder);
        ForwardingEvents forwarding = new ForwardingEvents(forwarder, registry, clock, drops);
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
        this.wire = new WireTap(clock);
        secure[0] = SecureEndpoint.create(new InetSocketAddress(b.bindAddress, b.port), cipherSuites,
                registry, journal, presence, b.autoRegister, faults, config, b.autoRegisterLimit, drops, wire);
        this.server = new CoapServer(config);
        int maxPayload = b.maxPayloadBytes;
        Supplier<UplinkValidator> validator = () -> new UplinkValidator(maxPayload);
        server.setMessageDeliverer(new EnosRequestDeliverer(server.getRoot(), new EnosRequestDeliverer.Parts(registry,
                journal, presence, data, commands, faults, validator, b.secrets,
                new ActivationPolicy(b.allowReactivation, b.serveRegisteredSecrets), forwarding, scheduler)));
        secure[0].endpoint().addInterceptor(new FaultInterceptor(faults));
        secure[0].endpoint().addInterceptor(new WireTapInterceptor(wire));
        server.addEndpoint(secure[0].endpoint());
        this.secure = secure[0];
        if (forwarder.enabled()) {
            resources.add(journal.subscribe(forwarding));
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
        if (b.watchRegistry && registry.file().isPresent()) {
            resources.add(new RegistryWatcher(registry.file().get(), this::reloadFromWatch));
        }
        this.running = true;
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
        drops.flush();
    }

    /** Puts back the devices and commands of the state directory, then keeps it up to date. */
    private void restoreState() {
        StateDirectory.Snapshot snapshot = state.read();
        registry.restore(snapshot.devices());
        for (StateDirectory.StoredCommand c : snapshot.commands()) {
            commands.restore(c.id(), c.device(), c.command(), c.queuedAt(), c.expiresAt(), c.deliveries());
        }
        journal.record((seq, time) -> new ServerEvent(seq, time, ServerEvent.Kind.STATE_RESTORED, "state", null,
                snapshot.devices().size() + snapshot.commands().size(), snapshot.devices().size()
                        + " devices and " + snapshot.commands().size() + " open commands restored from "
                        + state.path()));
        resources.add(registry.onChange(d -> saveDevices()));
        commands.onChange(this::saveCommands);
    }

    private void saveDevices() {
        try {
            state.writeDevices(registry.runtimeDevices());
        } catch (StateException e) {
            drops.limitReached("state-write", null, e.getMessage() + "; the change is kept in memory only");
        }
    }

    private void saveCommands() {
        try {
            state.writeCommands(commands.allOpen());
        } catch (StateException e) {
            drops.limitReached("state-write", null, e.getMessage() + "; the change is kept in memory only");
        }
    }

    private void reloadFromWatch() {
        try {
            reloadRegistry();
        } catch (RegistryException e) {
            // journaled (and so logged) by reloadRegistry; the registry in use is kept
        }
    }

    /**
     * Reads the registry file (or resource) again and serves what it says from now on; devices
     * registered or activated at runtime survive, and so do their secrets unless the file now
     * gives the device a secret of its own. The standalone server calls it on SIGHUP and when the
     * file changes; an admin endpoint may call it too.
     *
     * @return what changed, in words
     * @throws RegistryException naming the file, the JSON location and the rule, if the file is
     *         bad; the registry in use is kept, and the failure is journaled
     */
    public synchronized String reloadRegistry() {
        try {
            String summary = registry.reload();
            journal.record((seq, time) -> new ServerEvent(seq, time, ServerEvent.Kind.REGISTRY_RELOADED, "registry",
                    null, 1, summary));
            if (state != null) {
                saveDevices();
            }
            return summary;
        } catch (RegistryException e) {
            journal.record((seq, time) -> new ServerEvent(seq, time, ServerEvent.Kind.REGISTRY_RELOAD_FAILED,
                    "registry", null, 1, e.getMessage() + "; the registry in use is kept"));
            throw e;
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
    @API(status = EXPERIMENTAL, since = "0.1")
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

    /**
     * What arrives on the wire below the journal: every request transmission before deduplication,
     * and the header of every DTLS record, for judges that need retransmission timings or see a
     * device keep sending into a forgotten session.
     */
    public WireTap wire() {
        return wire;
    }

    /** Delivery counts per forwarding target (EC-14); empty when none is configured. */
    public List<ForwardingStats> forwarding() {
        return forwarder.stats();
    }

    /**
     * What was dropped or refused because of a limit or a flood, per counter since start:
     * {@code measure-points}, {@code attributes}, {@code events}, {@code history}, {@code total-bytes},
     * {@code commands}, {@code commands-total}, {@code malformed-client-hello/RULE},
     * {@code handshake-refusals/REASON}, {@code state-write}, {@code forward-envelope}.
     */
    public Map<String, Long> dropCounts() {
        return drops.totals();
    }

    /**
     * The DTLS connections: how many are held, the limit, how many handshakes were refused at the
     * limit, and how many connections a newer handshake from the same address replaced.
     */
    public ConnectionStats connections() {
        return secure.connections();
    }

    /**
     * Journal entries that were not written to the log because the log could not keep up, or
     * because more than a thousand lines came in one second (they are in the journal all the
     * same). The log is written by a thread of its own from a bounded queue, so a slow console
     * never slows the server.
     */
    public long journalLinesNotLogged() {
        return journalLog.dropped();
    }

    /** How much device data is kept (per device and in total). */
    public DataLimits dataLimits() {
        return data.limits();
    }

    /** The device data held now, in bytes as counted against {@link DataLimits#totalBytes()}. */
    public long deviceDataBytes() {
        return data.bytesUsed();
    }

    /** The state directory, when the server keeps one. */
    public Optional<Path> stateDirectory() {
        return state == null ? Optional.empty() : Optional.of(state.path());
    }

    /** Journals the pending drop summaries now instead of at the end of their interval. */
    public void flushDropSummaries() {
        drops.flushAll();
    }

    /** The cipher suites enabled, in order of preference. */
    public List<EnosCipherSuite> cipherSuites() {
        return cipherSuites;
    }

    /** Whether the server is serving: started and not yet closed. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Starts over without a restart: empties the journal (sequence numbers go on), forgets what
     * devices reported, removes scripted faults not yet applied, and ends queued commands (their
     * handles complete as expired). Registry, presence and DTLS sessions stay as they are.
     */
    public void reset() {
        faults.clear();
        commands.clear();
        data.clear();
        journal.clear();
    }

    /** Stops the server and frees its port and threads. Idempotent. */
    @Override
    public void close() {
        drops.flushAll();
        running = false;
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
        private boolean allowReactivation;
        private boolean serveRegisteredSecrets;
        private int autoRegisterLimit = DEFAULT_AUTO_REGISTER_LIMIT;
        private DataLimits dataLimits = DataLimits.DEFAULTS;
        private int maxCommandsPerDevice = CommandQueue.DEFAULT_MAX_PER_DEVICE;
        private int maxCommandsTotal = CommandQueue.DEFAULT_MAX_TOTAL;
        private Path stateDirectory;
        private boolean watchRegistry;
        private int journalCapacity = Journal.DEFAULT_CAPACITY;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration staleConnectionThreshold = Duration.ofSeconds(DtlsConfig.DEFAULT_STALE_CONNECTION_TRESHOLD_SECONDS);
        private Deduplicator deduplicator = Deduplicator.PEERS;
        private int deduplicationPerPeer = DEFAULT_DEDUPLICATION_PER_PEER;
        private Duration exchangeLifetime = Duration.ofSeconds(CoapConfig.DEFAULT_EXCHANGE_LIFETIME_IN_SECONDS);
        private Clock clock = Clock.systemUTC();
        private Supplier<String> secrets = new SecretGenerator();
        private int maxPayloadBytes = 8 * 1024;
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

        /**
         * How many devices auto-registration may add (default {@value EnosMockServer#DEFAULT_AUTO_REGISTER_LIMIT});
         * beyond it an unknown device key is refused with {@code AUTO_REGISTRATION_LIMIT}.
         */
        public Builder autoRegisterLimit(int limit) {
            if (limit < 0) {
                throw new IllegalArgumentException("auto-registration limit must not be negative, was " + limit);
            }
            this.autoRegisterLimit = limit;
            return this;
        }

        /**
         * Whether a device activated before may activate again and get the same secret; default off:
         * the second activation is answered 4.03 (EC-10 [ours]).
         */
        public Builder allowReactivation(boolean allow) {
            this.allowReactivation = allow;
            return this;
        }

        /**
         * Whether activating a device that has a secret from the registry hands out that secret;
         * default off: such an activation is answered 4.03, because the product secret must not
         * yield a device secret that activation did not make (EC-5, EC-10 [ours]).
         */
        public Builder serveRegisteredSecrets(boolean serve) {
            this.serveRegisteredSecrets = serve;
            return this;
        }

        /** How much device data to keep, per device and in total (default {@link DataLimits#DEFAULTS}). */
        public Builder dataLimits(DataLimits limits) {
            this.dataLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Open commands kept per device and in all (defaults 1,000 and 100,000). */
        public Builder commandLimits(int perDevice, int total) {
            if (perDevice < 1 || total < 1) {
                throw new IllegalArgumentException("command limits must be at least 1, were " + perDevice + " and " + total);
            }
            this.maxCommandsPerDevice = perDevice;
            this.maxCommandsTotal = total;
            return this;
        }

        /**
         * Keeps what devices rely on (secrets and asset ids from activation, devices registered at
         * runtime, open commands) in {@code dir} across restarts, written atomically. Off by default.
         */
        public Builder stateDirectory(Path dir) {
            this.stateDirectory = dir;
            return this;
        }

        /** Whether to reload the registry file when it changes (only for a registry read from a file); default off. */
        public Builder watchRegistry(boolean watch) {
            this.watchRegistry = watch;
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
            this.staleConnectionThreshold = atLeastOneSecond(idle, "stale connection threshold");
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
            this.exchangeLifetime = atLeastOneSecond(lifetime, "exchange lifetime");
            return this;
        }

        private static Duration atLeastOneSecond(Duration d, String what) {
            if (d.toMillis() < 1_000) {
                throw new IllegalArgumentException(what + " must be at least 1 s, was " + d.toMillis() + " ms");
            }
            return d;
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

        /** The names {@link #limit(String, long)} takes. */
        public static final List<String> LIMIT_NAMES = List.of("measure-points", "attributes", "events", "history",
                "total-bytes", "commands", "commands-total", "auto-registered");

        /**
         * Sets one limit by name, as the command line's {@code --limit NAME=N} does:
         * {@code measure-points}, {@code attributes}, {@code events}, {@code history} (per device),
         * {@code total-bytes} (device data in all), {@code commands} (open per device),
         * {@code commands-total}, {@code auto-registered}.
         *
         * @throws IllegalArgumentException for an unknown name or a value out of range, naming both
         */
        public Builder limit(String name, long value) {
            if (value < (name.equals("auto-registered") ? 0 : 1) || value > Integer.MAX_VALUE && !name.equals("total-bytes")) {
                throw new IllegalArgumentException("limit " + name + "=" + value + " is out of range");
            }
            int n = (int) Math.min(value, Integer.MAX_VALUE);
            switch (name) {
                case "measure-points" -> dataLimits = dataLimits.withMeasurePointsPerDevice(n);
                case "attributes" -> dataLimits = dataLimits.withAttributesPerDevice(n);
                case "events" -> dataLimits = dataLimits.withEventsPerDevice(n);
                case "history" -> dataLimits = dataLimits.withHistoryPerDevice(n);
                case "total-bytes" -> dataLimits = dataLimits.withTotalBytes(value);
                case "commands" -> maxCommandsPerDevice = n;
                case "commands-total" -> maxCommandsTotal = n;
                case "auto-registered" -> autoRegisterLimit = n;
                default -> throw new IllegalArgumentException("unknown limit '" + name + "'; the limits are " + LIMIT_NAMES);
            }
            return this;
        }

        /** Adds a business server that receives every envelope by HTTP POST (EC-14); an http or https URL. */
        public Builder forwardTo(URI url) {
            Objects.requireNonNull(url, "url");
            if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException("forward URL '" + url + "' is not an http:// or https:// URL with a host");
            }
            this.forwardUrls.add(url);
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
