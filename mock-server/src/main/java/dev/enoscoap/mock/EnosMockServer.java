package dev.enoscoap.mock;

import dev.enoscoap.mock.coap.EnosRequestDeliverer;
import dev.enoscoap.mock.coap.SecretGenerator;
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
 * lifetime tracking, and a journal of everything it saw.
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
    private final Clock clock;
    private final List<EnosCipherSuite> cipherSuites;
    private final CoapServer server;
    private final InetSocketAddress address;
    private final List<AutoCloseable> resources = new ArrayList<>();

    private EnosMockServer(Builder b) {
        this.registry = b.registry != null ? b.registry : Registry.demo();
        this.clock = b.clock;
        this.cipherSuites = List.copyOf(b.cipherSuites);
        this.journal = new Journal(b.journalCapacity, clock);
        this.presence = new PresenceTracker(clock, journal);

        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_MAX_CONNECTIONS, b.maxConnections);
        SecureEndpoint secure = SecureEndpoint.create(new InetSocketAddress(b.bindAddress, b.port), cipherSuites,
                registry, journal, presence, b.autoRegister, config);
        this.server = new CoapServer(config);
        server.setMessageDeliverer(new EnosRequestDeliverer(server.getRoot(), registry, journal, presence,
                b.secrets, b.allowReactivation));
        server.addEndpoint(secure.endpoint());
        resources.add(journal.subscribe(EnosMockServer::log));
        try {
            server.start();
        } catch (RuntimeException e) {
            server.destroy();
            throw new IllegalStateException("cannot start the mock on " + b.bindAddress.getHostAddress() + ":" + b.port
                    + ": " + e.getMessage(), e);
        }
        this.address = secure.endpoint().getAddress();
        if (clock instanceof VirtualClock virtual) {
            resources.add(virtual.onAdvance(presence::sweep));
        } else {
            ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "enos-mock-lifetime-" + address.getPort());
                t.setDaemon(true);
                return t;
            });
            sweeper.scheduleWithFixedDelay(presence::sweep, 1, 1, TimeUnit.SECONDS);
            resources.add(sweeper::shutdownNow);
        }
    }

    /** A builder with the defaults: demo registry, 127.0.0.1, a free port, both cipher suites. */
    public static Builder builder() {
        return new Builder();
    }

    private static void log(JournalEntry entry) {
        if (LOG.isInfoEnabled()) {
            LOG.info("{}", entry.describe());
        }
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

    /** The cipher suites enabled, in order of preference. */
    public List<EnosCipherSuite> cipherSuites() {
        return cipherSuites;
    }

    /** Stops the server and frees its port and threads. Idempotent. */
    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(EnosMockServer.class).debug("closing {}", r, e);
            }
        }
        resources.clear();
        server.destroy();
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
        private int maxConnections = 20_000;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> secrets = new SecretGenerator();

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

        /** Most DTLS connections kept at once. */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("max connections must be at least 1, was " + max);
            }
            this.maxConnections = max;
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

        /** Builds and starts the server; it is listening when this returns. */
        public EnosMockServer start() {
            return new EnosMockServer(this);
        }
    }
}
