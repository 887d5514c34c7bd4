package dev.enoscoap.conformance.cli;

import dev.enoscoap.conformance.observe.ObservationListener;
import dev.enoscoap.conformance.observe.ObservationPage;
import dev.enoscoap.conformance.observe.ObservationPlan;
import dev.enoscoap.conformance.observe.ObservationResults;
import dev.enoscoap.conformance.observe.ObservationSession;
import dev.enoscoap.conformance.observe.PlanException;
import dev.enoscoap.conformance.observe.PlanStage;
import dev.enoscoap.conformance.report.ConformanceReport;
import dev.enoscoap.conformance.report.ConformanceReportListener.PurposeJudged;
import dev.enoscoap.conformance.report.ConsoleReport;
import dev.enoscoap.conformance.report.ReportWriter;
import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.JudgedBy;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.admin.AdminServer;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.LogText;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.registry.RegistryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code enos-coap-conformance observe}: judges a real device by watching it. Starts the mock (UDP
 * 5684 on all addresses, like the standalone mock), follows an observation plan for each device
 * named, applying its stimuli, prints a line per purpose as its verdict lands and each stimulus as
 * it is applied, serves a live page, writes the same reports as the runner and exits with the
 * runner's codes: 0 when no MUST purpose of any device failed or was inconclusive, 1 otherwise, 2
 * for bad input (options, plan file, a device not in the registry, a port in use); then nothing
 * is started.
 */
@Command(name = "observe", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = ConformanceRunner.Version.class,
        description = {"Judges a real device by watching it on an embedded mock: point the device at this machine "
                + "(UDP port 5684 by default), watch the live page, read the report.",
            "Exit codes: 0 no MUST purpose failed or was inconclusive; 1 otherwise; 2 bad input (options, plan file, "
                + "a device not in the registry, a port in use): nothing started."})
final class ObserveCommand implements Callable<Integer> {
    @ParentCommand
    ConformanceRunner parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--device", paramLabel = "PK/DK",
            description = "A device to judge, productKey/deviceKey, from the registry. Repeatable.")
    List<String> devices = new ArrayList<>();

    @Option(names = "--product", paramLabel = "PK",
            description = "Judge every device of this product in the registry. Repeatable.")
    List<String> products = new ArrayList<>();

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "conformance-report",
            description = "Directory for conformance-report.json, .html and conformance-junit.xml; one sub-directory "
                    + "per device when there are several (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "Observation plan (JSON); default: the built-in plan covering every purpose judged by "
                    + "observation (fixtures/plans/default.json).")
    Path planFile;

    @Option(names = "--purposes", paramLabel = "LIST", split = ",",
            description = "Judge only these purposes of the plan (and what they need); stages left without a purpose "
                    + "are skipped with their stimuli.")
    List<String> purposes = new ArrayList<>();

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "900",
            description = "The session ends at the latest after this long; purposes still waiting are inconclusive "
                    + "(default: ${DEFAULT-VALUE}).")
    long timeLimitSeconds;

    @Option(names = "--capabilities", paramLabel = "LIST",
            description = "What the device can do besides SecureMode 2 and measure points, comma-separated: DOWNLINK, "
                    + "SESSION_REUSE, UPLINK_BATCH, UPLINK_RESUME, EVENT, ATTRIBUTE, or none (default: DOWNLINK,"
                    + "SESSION_REUSE). SecureMode 3 applies to a device without a secret in the registry.")
    String capabilities;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5684",
            description = "UDP port of the mock; 0 picks a free one (default: ${DEFAULT-VALUE}, the EnOS port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address the mock binds (default: ${DEFAULT-VALUE}, so a real device can reach it).")
    String bind;

    @Option(names = "--registry", paramLabel = "FILE", defaultValue = "${env:ENOS_REGISTRY}",
            description = "Registry JSON file with your products and devices, or classpath:NAME (default: "
                    + "$ENOS_REGISTRY, else the built-in demo registry).")
    String registry;

    @Option(names = "--admin-port", paramLabel = "PORT", defaultValue = "0",
            description = "TCP port of the live page (GET /observe) and its JSON (GET /observe/state), with the mock's "
                    + "admin API; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int adminPort;

    @Option(names = "--admin-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address of the live page (default: ${DEFAULT-VALUE}). Any other address wants --admin-token.")
    String adminBind;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:ENOS_ADMIN_TOKEN}",
            description = "Bearer token of the admin API and the page's state, at least 16 characters (default: "
                    + "$ENOS_ADMIN_TOKEN); open the page as /observe#token=TOKEN.")
    String adminToken;

    @Option(names = "--client-name", paramLabel = "NAME",
            description = "The device's name in the report (default: its productKey/deviceKey).")
    String clientName;

    @Option(names = "--client-version", paramLabel = "VERSION", defaultValue = "unknown",
            description = "The device's firmware version in the report (default: ${DEFAULT-VALUE}).")
    String clientVersion;

    @Option(names = {"-q", "--quiet"}, description = "Print only the summary: no header, stimuli or progress lines.")
    boolean quiet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean colour = parent != null && parent.colour();
        ObservationPlan plan = plan();
        Set<Capability> caps = capabilities();
        if (timeLimitSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--time-limit must be a positive number of seconds, was "
                    + timeLimitSeconds);
        }
        if (devices.isEmpty() && products.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "name the device to judge: --device productKey/deviceKey "
                    + "(repeatable) or --product productKey");
        }
        Registry reg;
        try {
            reg = registry == null || registry.isBlank() ? Registry.demo() : Registry.fromLocation(registry);
        } catch (RegistryException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--registry: " + e.getMessage());
        }
        ObservationSession.Builder builder = ObservationSession.builder().plan(plan).capabilities(caps)
                .timeLimit(Duration.ofSeconds(timeLimitSeconds)).client(clientName, clientVersion);
        for (String d : devices) {
            try {
                builder.device(DeviceId.parse(d));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--device: " + e.getMessage());
            }
        }
        products.forEach(builder::product);
        List<DeviceId> judged;
        try {
            judged = builder.resolve(reg);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), (devices.isEmpty() ? "--product: " : "--device: ")
                    + e.getMessage());
        }
        AdminServer.Builder adminBuilder = AdminServer.builder();
        try {
            adminBuilder.bindAddress(adminBind).port(adminPort)
                    .token(adminToken == null || adminToken.isEmpty() ? null : adminToken);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--admin-*: " + e.getMessage());
        }

        if (portTaken(bind, port)) {
            err.println("UDP port " + port + " on " + bind + " is in use (another mock or observation session?): stop "
                    + "it, or pick another port with --port; nothing was started");
            err.flush();
            return ConformanceRunner.EXIT_UNUSABLE;
        }
        EnosMockServer mock;
        try {
            mock = EnosMockServer.builder().registry(reg).bindAddress(bind).port(port).start();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--bind/--port: " + e.getMessage());
        } catch (RuntimeException e) {
            err.println(portTaken(bind, port) ? "UDP port " + port + " on " + bind + " is in use (another mock or "
                    + "observation session?): stop it, or pick another port with --port; nothing was started"
                    : "cannot start the mock on " + bind + ":" + port + ": " + e.getMessage() + "; nothing was started");
            err.flush();
            return ConformanceRunner.EXIT_UNUSABLE;
        }
        ConsoleReport console = new ConsoleReport(colour);
        Progress progress = new Progress(out, console, quiet, judged.size() > 1);
        AtomicReference<ObservationSession> running = new AtomicReference<>();
        AdminServer admin;
        try {
            admin = adminBuilder.route(ObservationPage.page()).route(ObservationPage.state(() -> {
                ObservationSession s = running.get();
                if (s == null) {
                    throw new dev.enoscoap.mock.admin.AdminException(503, "the observation session is starting");
                }
                return s.snapshot();
            })).start(mock);
        } catch (IOException | RuntimeException e) {
            mock.close();
            err.println((e instanceof BindException ? "TCP port " + adminPort + " on " + adminBind + " is in use: pick "
                    + "another with --admin-port (0 picks a free one)" : "cannot start the live page on " + adminBind
                    + ":" + adminPort + ": " + e.getMessage()) + "; nothing was judged");
            err.flush();
            return ConformanceRunner.EXIT_UNUSABLE;
        }
        if (!quiet) {
            header(out, mock, admin, plan, judged);
        }
        // Ctrl-C or SIGTERM (a CI job's time-out) ends the session early: what is still waiting is
        // inconclusive, the reports are written, and the process exits with the gate's code rather
        // than the signal's 130 or 143, so a rig reads the same codes however the session ended.
        // The hook is in place before the session starts, so a signal while it starts stops it too.
        CountDownLatch reported = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(-1);
        AtomicBoolean stopRequested = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            stopRequested.set(true);
            ObservationSession s = running.get();
            if (s != null) {
                s.stop();
            }
            try {
                if (reported.await(30, TimeUnit.SECONDS) && exitCode.get() >= 0) {
                    Runtime.getRuntime().halt(exitCode.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "enos-observe-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        ObservationSession session = null;
        try {
            try {
                session = builder.server(mock).listener(progress).start();
            } catch (IllegalArgumentException | IllegalStateException e) {
                err.println(e.getMessage() + "; nothing was judged");
                err.flush();
                exitCode.set(ConformanceRunner.EXIT_UNUSABLE);
                return exitCode.get();
            }
            running.set(session);
            if (stopRequested.get()) {
                session.stop();
            }
            ObservationResults results = session.awaitVerdicts(Duration.ofSeconds(timeLimitSeconds).plusMinutes(1));
            exitCode.set(finish(out, err, console, results, judged, session.eventsNotJudged()));
            return exitCode.get();
        } finally {
            admin.close();
            if (session != null) {
                session.close();
            }
            mock.close();
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is running and has what it waited for
            }
        }
    }

    private int finish(PrintWriter out, PrintWriter err, ConsoleReport console, ObservationResults results,
            List<DeviceId> judged, long notJudged) {
        boolean several = judged.size() > 1;
        Set<String> used = new HashSet<>();
        for (Map.Entry<DeviceId, ConformanceReport> e : results.reports().entrySet()) {
            Path dir = several ? reportDir.resolve(directoryName(e.getKey(), used)) : reportDir;
            try {
                ReportWriter.write(e.getValue(), dir);
            } catch (IOException ex) {
                err.println("cannot write the reports into " + dir + ": " + ex.getMessage());
                err.flush();
                return ConformanceRunner.EXIT_FAILED;
            }
            if (!quiet) {
                out.println();
            }
            if (several) {
                out.println(console.gate(e.getValue().gatePassed(), LogText.escape(e.getKey().toString())));
            }
            console.summary(e.getValue()).forEach(out::println);
            out.printf("reports: %s (%s, %s, %s)%n", dir, ReportWriter.HTML_FILE, ReportWriter.JSON_FILE,
                    ReportWriter.JUNIT_FILE);
        }
        if (notJudged > 0) {
            out.println(notJudged + " events were not judged: they came faster, or in greater number, than the "
                    + "session keeps");
        }
        boolean passed = results.gatePassed();
        out.println(console.gate(passed, "gate: " + (passed ? "PASSED" : "FAILED") + " (exit "
                + (passed ? ConformanceRunner.EXIT_PASSED : ConformanceRunner.EXIT_FAILED) + ")"));
        out.flush();
        return passed ? ConformanceRunner.EXIT_PASSED : ConformanceRunner.EXIT_FAILED;
    }

    /** {@code pk_dk} with anything but letters, digits, '-' and '.' as '_'. */
    static String directoryName(DeviceId d) {
        return (d.productKey() + "_" + d.deviceKey()).replaceAll("[^A-Za-z0-9.-]", "_");
    }

    /**
     * {@link #directoryName(DeviceId)}, with {@code -2}, {@code -3}… added when another device of
     * the session already has that name ({@code p/a_b} and {@code p_a/b} both read {@code p_a_b}),
     * so no device's reports overwrite another's.
     */
    static String directoryName(DeviceId d, Set<String> used) {
        String name = directoryName(d);
        String unique = name;
        for (int i = 2; !used.add(unique); i++) {
            unique = name + "-" + i;
        }
        return unique;
    }

    private void header(PrintWriter out, EnosMockServer mock, AdminServer admin, ObservationPlan plan,
            List<DeviceId> judged) {
        out.printf("EnOS CoAP conformance %s: observing %s (plan %s: %d stages, at most %s)%n",
                ConformanceRunner.Version.kit(), judged.stream().map(d -> LogText.escape(d.toString())).toList(),
                plan.name(), plan.stages().size(), clock(Duration.ofSeconds(timeLimitSeconds)));
        String where = bind.contains(":") ? "[" + bind + "]" : bind;
        out.printf("EnOS CoAP mock listening on coaps://%s:%d (registry %s, suites %s)%n", where, mock.port(),
                mock.registry().source(), mock.cipherSuites().stream().map(EnosCipherSuite::ianaName).toList());
        String page = admin.uri().resolve(ObservationPage.PATH.substring(1)).toString();
        out.printf("live page: %s%s  (JSON: %s)%n", page, admin.hasToken() ? "#token=YOUR_TOKEN" : "",
                admin.uri().resolve(ObservationPage.STATE_PATH.substring(1)));
        out.printf("point the device at this machine%s, UDP port %d%n", bind.equals("0.0.0.0") || bind.equals("::")
                ? "'s address" : " (" + bind + ")", mock.port());
        out.flush();
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    }

    private ObservationPlan plan() {
        ObservationPlan plan;
        try {
            plan = planFile == null ? ObservationPlan.defaultPlan() : ObservationPlan.read(planFile);
        } catch (PlanException e) {
            throw new ParameterException(spec.commandLine(), "--plan: " + e.getMessage());
        }
        if (purposes.isEmpty()) {
            return plan;
        }
        Set<String> asked = new LinkedHashSet<>();
        for (String p : purposes) {
            String id = p.strip().toUpperCase(Locale.ROOT);
            if (id.isEmpty()) {
                continue;
            }
            if (Catalogue.load().get(id).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--purposes: unknown purpose '" + p + "'; judged by "
                        + "observation: " + Catalogue.load().judgedBy(JudgedBy.OBSERVATION).all().keySet());
            }
            asked.add(id);
        }
        try {
            return plan.only(asked);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--purposes: " + e.getMessage());
        }
    }

    private Set<Capability> capabilities() {
        if (capabilities == null) {
            return ObservationSession.DEFAULT_CAPABILITIES;
        }
        try {
            return Capability.parseList(capabilities);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--capabilities: " + e.getMessage());
        }
    }

    private static boolean portTaken(String bind, int port) {
        if (port == 0) {
            return false;
        }
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(bind), port))) {
            return !probe.isBound();
        } catch (BindException e) {
            return true;
        } catch (SocketException | java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Prints the session as it goes: stages with their stimuli, and a line per purpose as its verdict lands. */
    static final class Progress implements ObservationListener {
        private final PrintWriter out;
        private final ConsoleReport console;
        private final boolean quiet;
        private final boolean several;

        Progress(PrintWriter out, ConsoleReport console, boolean quiet, boolean several) {
            this.out = out;
            this.console = console;
            this.quiet = quiet;
            this.several = several;
        }

        private String prefix(DeviceId device) {
            return several ? LogText.escape(device.toString()) + " " : "";
        }

        @Override
        public void stageStarted(DeviceId device, PlanStage stage) {
            if (!quiet) {
                out.println(prefix(device) + "stage " + stage.name() + ": up to " + stage.timeout().toSeconds() + " s for "
                        + String.join(", ", stage.purposes()));
                out.flush();
            }
        }

        @Override
        public void stimulusApplied(DeviceId device, PlanStage stage, String what) {
            if (!quiet) {
                out.println(prefix(device) + "stimulus (" + stage.name() + "): " + what);
                out.flush();
            }
        }

        @Override
        public void purposeJudged(DeviceId device, PurposeJudged judged) {
            if (!quiet) {
                out.println(prefix(device) + console.progressLine(judged));
                out.flush();
            }
        }
    }
}
