package dev.enoscoap.mock.cli;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.admin.AdminServer;
import dev.enoscoap.mock.guard.StandaloneGuard;
import dev.enoscoap.mock.persist.StateException;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.registry.Product;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.registry.RegistryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apiguardian.api.API;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The standalone mock server: {@code java -jar enos-coap-mock-server.jar [options]}.
 *
 * <p>A thin shell over {@link EnosMockServer.Builder} and {@link AdminServer.Builder}: each flag
 * is handed to its builder method, whose refusal is reported under the flag's name (exit 2).
 */
@Command(name = "enos-coap-mock-server", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = MockServerCommand.Version.class,
        description = {
            "A mock EnOS CoAP/DTLS server for testing devices.",
            "DTLS 1.2 PSK with EnOS identities {ProductKey},{DeviceKey},{SecureMode},{Lifetime},",
            "SecureMode 2 and 3, dynamic activation, lifetime tracking, EnOS uplink topics,",
            "downlink commands, forwarding to business servers, an admin HTTP API.",
            "Logs one line per handshake and request; secrets never appear.",
            "Exit codes: 0 stopped, also by Ctrl-C or SIGTERM; 1 could not start",
            "(e.g. port in use); 2 bad option or bad registry.",
            ""})
@API(status = INTERNAL, since = "0.1")
public final class MockServerCommand implements Callable<Integer> {
    /** Exit code after a clean stop, also on SIGINT or SIGTERM. */
    public static final int EXIT_OK = 0;
    /** Exit code when the server cannot start, e.g. the port is taken. */
    public static final int EXIT_START = 1;
    /** Exit code for a bad option or a bad registry file. */
    public static final int EXIT_USAGE = 2;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5684",
            description = "UDP port; 0 picks a free one (default: ${DEFAULT-VALUE}, the EnOS port, EC-1).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address to bind (default: ${DEFAULT-VALUE}, so a real device can reach it).")
    String bind;

    @Option(names = "--registry", paramLabel = "FILE", defaultValue = "${env:ENOS_REGISTRY}",
            description = "Registry JSON file of products and devices, or classpath:NAME (default: $ENOS_REGISTRY, "
                    + "else the built-in demo registry).")
    String registry;

    @Option(names = "--cipher-suites", paramLabel = "LIST", defaultValue = "CCM_8,CBC_SHA256",
            description = "Comma-separated suites to enable, by IANA, OpenSSL or short name "
                    + "(default: ${DEFAULT-VALUE}, EC-2).")
    String cipherSuites;

    @Option(names = "--auto-register",
            description = "Add unknown device keys of a product with dynamic activation on their SecureMode 3 handshake (EC-5).")
    boolean autoRegister;

    @Option(names = "--no-reactivation",
            description = "Refuse a second activation of an activated device with 4.03 (the default now, EC-10).")
    boolean noReactivation;

    @Option(names = "--journal-capacity", paramLabel = "N", defaultValue = "10000",
            description = "Journal entries kept in memory; older ones are dropped and counted (default: ${DEFAULT-VALUE}).")
    int journalCapacity;

    @Option(names = "--max-payload", paramLabel = "BYTES", defaultValue = "8192",
            description = "Largest uplink body accepted; larger ones get reply code 1008 (default: ${DEFAULT-VALUE}).")
    int maxPayload;

    @Option(names = "--forward-url", paramLabel = "URL",
            description = "Business server that receives every uplink, online/offline, activation and command reply "
                    + "as an HTTP POST of a JSON envelope (EC-14). Repeatable.")
    List<URI> forwardUrls = new ArrayList<>();

    @Option(names = "--admin-port", paramLabel = "PORT",
            description = "Serve the admin HTTP API (journal, devices, commands, faults, reset, health) on this TCP "
                    + "port of --admin-bind; 0 picks a free one. Off unless given.")
    Integer adminPort;

    @Option(names = "--admin-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address of the admin API (default: ${DEFAULT-VALUE}). Any other address wants --admin-token.")
    String adminBind;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:ENOS_ADMIN_TOKEN}",
            description = "Bearer token the admin API wants (Authorization: Bearer TOKEN), at least 16 characters "
                    + "(default: $ENOS_ADMIN_TOKEN). Bound beyond loopback without one, only /health and /ready answer.")
    String adminToken;

    @Option(names = "--admin-allowed-host", paramLabel = "NAME",
            description = "Host name the admin API answers to besides IP addresses and localhost, e.g. a container's "
                    + "service name (also $ENOS_ADMIN_ALLOWED_HOSTS, comma-separated). Repeatable.")
    List<String> adminAllowedHosts = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Verbosity verbosity = new Verbosity();

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:ENOS_LOG_FORMAT:-text}",
            description = "text (default) or json: one JSON object a line (Logback's JsonEncoder); "
                    + "also $ENOS_LOG_FORMAT.")
    LogFormat logFormat;

    @Option(names = "--allow-reactivation",
            description = "Serve a device that activated before its secret again (default: refused with 4.03, EC-10).")
    boolean allowReactivation;

    @Option(names = "--serve-registered-secrets",
            description = "Let a SecureMode 3 activation hand out a secret from the registry (default: refused with "
                    + "4.03; the product secret yields only secrets activation made, EC-5, EC-10).")
    boolean serveRegisteredSecrets;

    @Option(names = "--state", paramLabel = "DIR",
            description = "Keep activated secrets, asset ids, runtime-registered devices and open commands in DIR "
                    + "across restarts, written atomically (default: off).")
    Path stateDir;

    @Option(names = "--limit", paramLabel = "NAME=N",
            description = "Set a limit: measure-points, attributes, events, history (per device), total-bytes, "
                    + "commands, commands-total, auto-registered. Repeatable; see the README for the defaults.")
    Map<String, Long> limits = new LinkedHashMap<>();

    @Option(names = "--no-registry-watch",
            description = "Do not reload the --registry file when it changes (SIGHUP still reloads it).")
    boolean noRegistryWatch;

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

    /** How much the program logs; one of these at most. */
    static final class Verbosity {
        @Option(names = {"-q", "--quiet"}, description = "Log warnings and errors only: no line per handshake or request.")
        boolean quiet;

        @Option(names = {"-v", "--verbose"},
                description = "Log the mock at DEBUG and Californium at INFO, with thread and logger names.")
        boolean verbose;

        @Option(names = "--log-level", paramLabel = "LEVEL",
                description = "Level of the mock's loggers (dev.enoscoap.*): TRACE, DEBUG, INFO (default), WARN, ERROR, OFF.")
        LogLevel level;

        String ours() {
            return quiet ? "WARN" : verbose ? "DEBUG" : level != null ? level.name() : "INFO";
        }
    }

    /** Log levels of {@code --log-level}. */
    enum LogLevel { TRACE, DEBUG, INFO, WARN, ERROR, OFF }

    /** Log formats of {@code --log-format}. */
    enum LogFormat { text, json }

    private final boolean standalone;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    private MockServerCommand(boolean standalone) {
        this.standalone = standalone;
    }

    /** Runs the program and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine(true).execute(args));
    }

    /** Runs the command line in this JVM (logging and signals left as they are) and returns the exit code. */
    public static int run(String... args) {
        return commandLine(false).execute(args);
    }

    /** Runs the command line with its output going to {@code out} and {@code err}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(false).setOut(out).setErr(err).execute(args);
    }

    private static CommandLine commandLine(boolean standalone) {
        return new CommandLine(new MockServerCommand(standalone)).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** A flag the builder refused: its name and the builder's reason. */
    private static final class BadFlag extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadFlag(String flag, String reason) {
            super(flag + ": " + reason);
        }
    }

    /** Hands one flag's value to a builder; a refusal names the flag. */
    private static void flag(String name, Runnable apply) {
        try {
            apply.run();
        } catch (RegistryException e) {
            throw new BadFlag(name, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadFlag(name, e.getMessage());
        }
    }

    /** Every mock flag, each handed to its builder method. */
    private EnosMockServer.Builder mockBuilder() {
        EnosMockServer.Builder b = EnosMockServer.builder();
        flag("--registry", () -> b.registry(registry == null || registry.isBlank() ? Registry.demo()
                : Registry.fromLocation(registry)));
        flag("--bind", () -> b.bindAddress(bind));
        flag("--port", () -> b.port(port));
        flag("--cipher-suites", () -> b.cipherSuites(EnosCipherSuite.parseList(cipherSuites)));
        flag("--auto-register", () -> b.autoRegister(autoRegister));
        flag("--no-reactivation", () -> b.allowReactivation(!noReactivation));
        flag("--journal-capacity", () -> b.journalCapacity(journalCapacity));
        flag("--max-payload", () -> b.maxPayloadBytes(maxPayload));
        forwardUrls.forEach(url -> flag("--forward-url", () -> b.forwardTo(url)));
        flag("--allow-reactivation", () -> b.allowReactivation(allowReactivation && !noReactivation));
        flag("--serve-registered-secrets", () -> b.serveRegisteredSecrets(serveRegisteredSecrets));
        flag("--state", () -> b.stateDirectory(stateDir));
        flag("--no-registry-watch", () -> b.watchRegistry(registry != null && !registry.startsWith("classpath:")
                && !noRegistryWatch));
        limits.forEach((name, n) -> flag("--limit", () -> b.limit(name, n)));
        flag("--max-connections", () -> b.maxConnections(maxConnections));
        flag("--stale-connection-seconds", () -> b.staleConnectionThreshold(Duration.ofSeconds(staleConnectionSeconds)));
        flag("--deduplicator", () -> b.deduplicator(EnosMockServer.Deduplicator.parse(deduplicator)));
        flag("--dedup-per-peer", () -> b.deduplicationPerPeer(dedupPerPeer));
        flag("--exchange-lifetime", () -> b.exchangeLifetime(Duration.ofSeconds(exchangeLifetime)));
        return b;
    }

    /** Every admin flag, each handed to its builder method; {@code null} when there is no --admin-port. */
    private AdminServer.Builder adminBuilder() {
        if (adminPort == null) {
            return null;
        }
        AdminServer.Builder b = AdminServer.builder();
        flag("--admin-bind", () -> b.bindAddress(adminBind));
        flag("--admin-port", () -> b.port(adminPort));
        flag("--admin-token", () -> b.token(adminToken == null || adminToken.isEmpty() ? null : adminToken));
        List<String> hosts = new ArrayList<>(adminAllowedHosts);
        String fromEnv = System.getenv(AdminServer.ALLOWED_HOSTS_ENV);
        if (fromEnv != null) {
            for (String h : fromEnv.split(",")) {
                if (!h.isBlank()) {
                    hosts.add(h.trim());
                }
            }
        }
        hosts.forEach(h -> flag("--admin-allowed-host", () -> b.allowHost(h)));
        return b;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LogSetup logs = standalone
                ? LogSetup.configure(verbosity.ours(), verbosity.verbose, logFormat == LogFormat.json,
                        System.getProperty("logback.configurationFile") != null)
                : LogSetup.untouched();
        Console console = logFormat == LogFormat.json ? Console.json() : Console.text(out);

        EnosMockServer.Builder builder;
        AdminServer.Builder adminBuilder;
        try {
            builder = mockBuilder();
            adminBuilder = adminBuilder();
        } catch (BadFlag e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        }
        EnosMockServer server;
        try {
            server = logs.silencing("org.eclipse.californium.core.CoapServer", builder::start);
        } catch (StateException e) {
            err.println("--state: " + e.getMessage());
            return EXIT_USAGE;
        } catch (RuntimeException e) {
            err.println(portTaken(bind, port) ? "UDP port " + port + " on " + bind + " is in use (another mock or CoAP "
                    + "server?): stop it, or pick another port with --port (0 picks a free one)"
                    : "cannot start: " + e.getMessage());
            return EXIT_START;
        }
        AdminServer admin;
        try {
            admin = adminBuilder == null ? null : adminBuilder.start(server);
        } catch (BindException e) {
            server.close();
            err.println("TCP port " + adminPort + " on " + adminBind + " is in use: stop what holds it, or pick another "
                    + "port with --admin-port (0 picks a free one)");
            return EXIT_START;
        } catch (IOException | RuntimeException e) {
            server.close();
            err.println("cannot start the admin API on " + adminBind + ":" + adminPort + ": " + e.getMessage());
            return EXIT_START;
        }

        StandaloneGuard guard = standalone ? StandaloneGuard.install(server, System.out, System.err) : null;
        Runnable close = () -> {
            if (admin != null) {
                admin.close();
            }
            server.close();
            if (guard != null) {
                guard.close();
            }
        };
        Thread hook = new Thread(close, "enos-mock-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean signals = standalone && StopSignals.onStop(stopRequested::countDown);

        banner(console, server, admin);
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close.run();
        if (signals) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        console.line("stopped");
        logs.stop();
        return EXIT_OK;
    }

    private void banner(Console console, EnosMockServer server, AdminServer admin) {
        Registry reg = server.registry();
        for (Product p : reg.products()) {
            long devices = reg.devices().stream().filter(d -> d.id().productKey().equals(p.productKey())).count();
            console.line("product " + p.productKey() + ": " + devices + " devices, dynamic activation "
                    + (p.dynamicActivation() ? "on" : "off"));
        }
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        console.line("EnOS CoAP mock listening on coaps://" + host + ":" + server.port() + " (registry " + reg.source()
                + ", suites " + server.cipherSuites().stream().map(EnosCipherSuite::ianaName).toList() + ")");
        if (admin != null) {
            InetSocketAddress a = admin.address();
            String where = "admin API on http://" + (a.getAddress().isAnyLocalAddress()
                    ? (adminBind.contains(":") ? "[" + adminBind + "]" : adminBind) + ":" + a.getPort() : hostPort(a)) + "/";
            if (admin.locked()) {
                console.line(where + " has no token, so only GET /health and GET /ready answer: set --admin-token or "
                        + AdminServer.TOKEN_ENV + " to use the rest");
            } else if (admin.hasToken()) {
                console.line(where + " wants 'Authorization: Bearer TOKEN' (the --admin-token or " + AdminServer.TOKEN_ENV
                        + "); GET /health and GET /ready are open; routes in GET /openapi.json");
            } else {
                console.line(where + " (routes in GET /openapi.json)");
            }
        }
        forwardUrls.forEach(u -> console.line("forwarding to " + u));
    }

    private static String hostPort(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    /** Whether the UDP port cannot be bound because something holds it. */
    private static boolean portTaken(String bind, int port) {
        if (port == 0) {
            return false;
        }
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(bind), port))) {
            return false;
        } catch (BindException e) {
            return true;
        } catch (SocketException | java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Where the program's own lines go: stdout as text, or the log as JSON. */
    private interface Console {
        void line(String text);

        static Console text(PrintWriter out) {
            return text -> {
                out.println(text);
                out.flush();
            };
        }

        static Console json() {
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LogSetup.CLI_LOGGER);
            return text -> log.info("{}", text);
        }
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
