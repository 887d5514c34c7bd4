package dev.enoscoap.mock.cli;

import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.registry.Product;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.registry.RegistryException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The standalone mock server: {@code java -jar enos-coap-mock-server.jar [options]}.
 */
@Command(name = "enos-coap-mock-server", mixinStandardHelpOptions = true,
        versionProvider = MockServerCommand.Version.class,
        description = {
            "A mock EnOS CoAP/DTLS server for testing devices: DTLS 1.2 PSK with EnOS identities",
            "({ProductKey},{DeviceKey},{SecureMode},{Lifetime}), SecureMode 2 and 3, dynamic activation,",
            "lifetime tracking, EnOS uplink topics, downlink commands, forwarding to business servers.",
            "Logs one line per handshake and request; secrets never appear.",
            "Exit codes: 0 stopped cleanly, 1 could not start, 2 bad option or bad registry."})
public final class MockServerCommand implements Callable<Integer> {
    /** Exit code for a bad option or a bad registry file. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when the server cannot start, e.g. the port is taken. */
    public static final int EXIT_START = 1;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5684",
            description = "UDP port; 0 picks a free one (default: ${DEFAULT-VALUE}, the EnOS port, EC-1).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address to bind (default: ${DEFAULT-VALUE}, so a real device can reach it).")
    String bind;

    @Option(names = "--registry", paramLabel = "FILE",
            description = "Registry JSON file of products and devices (default: the built-in demo registry).")
    Path registry;

    @Option(names = "--cipher-suites", paramLabel = "LIST", defaultValue = "CCM_8,CBC_SHA256",
            description = "Comma-separated suites to enable, by IANA, OpenSSL or short name "
                    + "(default: ${DEFAULT-VALUE}, EC-2).")
    String cipherSuites;

    @Option(names = "--auto-register",
            description = "Add unknown device keys of a product with dynamic activation on their SecureMode 3 handshake (EC-5).")
    boolean autoRegister;

    @Option(names = "--no-reactivation",
            description = "Refuse a second activation of an activated device with 4.03 (default: allowed, same secret, EC-10).")
    boolean noReactivation;

    @Option(names = "--journal-capacity", paramLabel = "N", defaultValue = "10000",
            description = "Journal entries kept in memory; older ones are dropped and counted (default: ${DEFAULT-VALUE}).")
    int journalCapacity;

    @Option(names = "--forward-url", paramLabel = "URL",
            description = "Business server that receives every uplink, online/offline, activation and command reply "
                    + "as an HTTP POST of a JSON envelope (EC-14). Repeatable.")
    List<java.net.URI> forwardUrls = new java.util.ArrayList<>();

    @Option(names = "--max-payload", paramLabel = "BYTES", defaultValue = "8192",
            description = "Largest uplink body accepted; larger ones get reply code 1008 (default: ${DEFAULT-VALUE}).")
    int maxPayload;

    @Option(names = "--admin-port", paramLabel = "PORT",
            description = "Serve the admin HTTP endpoint (queue commands, read device data) on this TCP port of "
                    + "--admin-bind; 0 picks a free one. Off unless given.")
    Integer adminPort;

    @Option(names = "--admin-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address of the admin endpoint (default: ${DEFAULT-VALUE}).")
    String adminBind;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "20000",
            description = "Most DTLS connections held at once (default: ${DEFAULT-VALUE}). A device that handshakes again "
                    + "from the same address replaces its older connection; at the limit a new handshake evicts a "
                    + "connection idle for --stale-connection-seconds, or is refused, counted and logged once per 10 s.")
    int maxConnections;

    @Option(names = "--stale-connection-seconds", paramLabel = "SECONDS", defaultValue = "1800",
            description = "Idle time after which a DTLS connection may be evicted for a new one at the connection limit, "
                    + "and an older connection of a device that connected again from another address is removed "
                    + "(default: ${DEFAULT-VALUE}).")
    long staleConnectionSeconds;

    @Option(names = "--deduplicator", paramLabel = "MODE", defaultValue = "peers",
            description = "How answered requests are kept to answer retransmissions from the cache: peers (at most "
                    + "--dedup-per-peer per client, bounded memory), mark-and-sweep (all for --exchange-lifetime, "
                    + "Californium's default; memory grows with the request rate), crop-rotation, off "
                    + "(default: ${DEFAULT-VALUE}).")
    String deduplicator;

    @Option(names = "--dedup-per-peer", paramLabel = "N", defaultValue = "64",
            description = "Answered requests kept per client with --deduplicator peers (default: ${DEFAULT-VALUE}).")
    int dedupPerPeer;

    @Option(names = "--exchange-lifetime", paramLabel = "SECONDS", defaultValue = "247",
            description = "How long an answered request is kept for deduplication (default: ${DEFAULT-VALUE}, "
                    + "RFC 7252's EXCHANGE_LIFETIME).")
    long exchangeLifetime;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/enoscoap/mock/cli/logback-standalone.xml");
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        return new CommandLine(new MockServerCommand()).execute(args);
    }

    /** Runs the command line with its output going to {@code out} and {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new MockServerCommand()).setOut(out).setErr(err).execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<EnosCipherSuite> suites;
        try {
            suites = EnosCipherSuite.parseList(cipherSuites);
        } catch (IllegalArgumentException e) {
            err.println("--cipher-suites: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (port < 0 || port > 65_535) {
            err.println("--port: " + port + " is outside 0..65535");
            return EXIT_USAGE;
        }
        if (maxPayload < 1) {
            err.println("--max-payload: must be at least 1 byte, was " + maxPayload);
            return EXIT_USAGE;
        }
        for (java.net.URI url : forwardUrls) {
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                err.println("--forward-url: '" + url + "' is not an http:// or https:// URL");
                return EXIT_USAGE;
            }
        }
        if (adminPort != null && (adminPort < 0 || adminPort > 65_535)) {
            err.println("--admin-port: " + adminPort + " is outside 0..65535");
            return EXIT_USAGE;
        }
        if (journalCapacity < 1) {
            err.println("--journal-capacity: must be at least 1, was " + journalCapacity);
            return EXIT_USAGE;
        }
        if (maxConnections < 1) {
            err.println("--max-connections: must be at least 1, was " + maxConnections);
            return EXIT_USAGE;
        }
        if (staleConnectionSeconds < 1) {
            err.println("--stale-connection-seconds: must be at least 1, was " + staleConnectionSeconds);
            return EXIT_USAGE;
        }
        EnosMockServer.Deduplicator dedup;
        try {
            dedup = EnosMockServer.Deduplicator.parse(deduplicator);
        } catch (IllegalArgumentException e) {
            err.println("--deduplicator: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (dedupPerPeer < 4) {
            err.println("--dedup-per-peer: must be at least 4, was " + dedupPerPeer);
            return EXIT_USAGE;
        }
        if (exchangeLifetime < 1) {
            err.println("--exchange-lifetime: must be at least 1 second, was " + exchangeLifetime);
            return EXIT_USAGE;
        }
        Registry reg;
        try {
            reg = registry == null ? Registry.demo() : Registry.load(registry);
        } catch (RegistryException e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        }
        EnosMockServer.Builder builder;
        try {
            builder = EnosMockServer.builder().registry(reg).bindAddress(bind).port(port).cipherSuites(suites)
                    .autoRegister(autoRegister).allowReactivation(!noReactivation).journalCapacity(journalCapacity)
                    .maxPayloadBytes(maxPayload)
                    .maxConnections(maxConnections).staleConnectionThreshold(java.time.Duration.ofSeconds(staleConnectionSeconds))
                    .deduplicator(dedup).deduplicationPerPeer(dedupPerPeer)
                    .exchangeLifetime(java.time.Duration.ofSeconds(exchangeLifetime));
            forwardUrls.forEach(builder::forwardTo);
        } catch (IllegalArgumentException e) {
            err.println("--bind: " + e.getMessage());
            return EXIT_USAGE;
        }
        EnosMockServer server;
        try {
            server = builder.start();
        } catch (RuntimeException e) {
            err.println("cannot start: " + e.getMessage());
            return EXIT_START;
        }
        AdminServer admin = null;
        if (adminPort != null) {
            try {
                admin = new AdminServer(server, new java.net.InetSocketAddress(adminBind, adminPort));
            } catch (java.io.IOException | RuntimeException e) {
                server.close();
                err.println("cannot start the admin endpoint on " + adminBind + ":" + adminPort + ": " + e.getMessage());
                return EXIT_START;
            }
        }
        AdminServer adminToClose = admin;
        Thread hook = new Thread(() -> {
            if (adminToClose != null) {
                adminToClose.close();
            }
            server.close();
            out.println("stopped");
            out.flush();
            stopped.countDown();
        }, "enos-mock-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        for (Product p : reg.products()) {
            long devices = reg.devices().stream().filter(d -> d.id().productKey().equals(p.productKey())).count();
            out.println("product " + p.productKey() + ": " + devices + " devices, dynamic activation "
                    + (p.dynamicActivation() ? "on" : "off"));
        }
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        out.println("EnOS CoAP mock listening on coaps://" + host + ":" + server.port() + " (registry " + reg.source() + ", suites "
                + suites.stream().map(EnosCipherSuite::ianaName).toList() + ")");
        if (admin != null) {
            out.println("admin endpoint on http://" + admin.address().getAddress().getHostAddress() + ":"
                    + admin.address().getPort() + "/");
        }
        forwardUrls.forEach(u -> out.println("forwarding to " + u));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MockServerCommand.class.getPackage().getImplementationVersion();
            return new String[] {"enos-coap-mock-server " + (v == null ? "(development build)" : v)};
        }
    }
}
