package dev.enoscoap.conformance.cli;

import static org.apiguardian.api.API.Status.INTERNAL;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.enoscoap.conformance.report.ConformanceReport;
import dev.enoscoap.conformance.report.ConformanceReportListener;
import dev.enoscoap.conformance.report.ConsoleReport;
import dev.enoscoap.conformance.report.ReportWriter;
import java.io.Console;
import dev.enoscoap.conformance.suite.PurposeFilter;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apiguardian.api.API;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The conformance runner for CI gating: checks that the client command can be started (the
 * {@linkplain Preflight preflight}), runs every suite against the program through the
 * {@linkplain CommandLineAdapter shim contract}, each purpose with its own embedded mock server,
 * prints a line per purpose as its verdict lands and a summary that opens with the root causes,
 * writes {@code conformance-report.json}, {@code .html} and {@code conformance-junit.xml}, and exits
 * <ul>
 * <li>0 when no MUST purpose failed or was inconclusive and at least one purpose passed,</li>
 * <li>1 otherwise (a MUST purpose failed, or was inconclusive so nothing was proven, or nothing
 * passed, or the suites could not run),</li>
 * <li>2 for bad options, or a client command that cannot be judged at all (not found, cannot be
 * started, does not return in time); then nothing is judged and no report is written.</li>
 * </ul>
 * SHOULD purposes are reported but do not change the exit code.
 */
@Command(name = "enos-coap-conformance", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = ConformanceRunner.Version.class,
        subcommands = {ObserveCommand.class, ReferenceDeviceCommand.class},
        description = "Judges an EnOS CoAP/DTLS client, driven through a command template, against the EnOS "
                + "conformance suites with an embedded mock server.%n"
                + "Exit codes: 0 no MUST purpose failed or was inconclusive; 1 otherwise; 2 bad options, or a client "
                + "command that cannot be started or does not return (nothing judged).%n"
                + "A real device that runs on its own is judged by watching it: see the observe command.")
@API(status = INTERNAL, since = "0.1")
public final class ConformanceRunner implements Callable<Integer> {
    static final int EXIT_PASSED = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_UNUSABLE = 2;

    @Spec
    CommandSpec spec;

    // Required for a run of the suites, checked in call(): the subcommands (observe) do without it.
    @Option(names = "--client-cmd", paramLabel = "TEMPLATE",
            description = "Command that runs the client for one action, with placeholders such as {action} {host} "
                    + "{port} {productKey} {deviceKey} {secureMode} {lifetime} {secret} {keyHex} {identity} {suites} "
                    + "{topic} {payload} {count} {time} {event} {uri}. Split like a shell command; no shell runs.")
    String clientCmd;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "conformance-report",
            description = "Directory for conformance-report.json, conformance-report.html and conformance-junit.xml "
                    + "(default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--capabilities", paramLabel = "LIST",
            description = "Declared capabilities, comma-separated: SECURE_MODE_2, SECURE_MODE_3, CIPHER_CCM_8, "
                    + "CIPHER_CBC_SHA256, UPLINK, UPLINK_BATCH, UPLINK_RESUME, EVENT, ATTRIBUTE, DOWNLINK, SESSION_REUSE "
                    + "(default: all but SESSION_REUSE).")
    String capabilities;

    @Option(names = "--client-name", paramLabel = "NAME", defaultValue = "command-line client",
            description = "The client's name in the report (default: ${DEFAULT-VALUE}).")
    String clientName;

    @Option(names = "--client-version", paramLabel = "VERSION", defaultValue = "unknown",
            description = "The client's version in the report (default: ${DEFAULT-VALUE}).")
    String clientVersion;

    @Option(names = "--areas", paramLabel = "LIST", split = ",",
            description = "Judge only the tests tagged with these areas, e.g. DTLS,KEY (default: all). "
                    + "Areas: BASE, DTLS, ID, KEY, LT, ACT, COAP, UP, DOWN, ROB.")
    List<String> areas = List.of();

    @Option(names = "--purposes", paramLabel = "LIST", split = ",",
            description = "Judge only these purposes and the purposes they need, e.g. ENOS-KEY-01,ENOS-ACT-03.")
    List<String> purposes = List.of();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Time limit of one client call; a call that takes longer is stopped and fails "
                    + "(default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = {"-q", "--quiet"},
            description = "Print only the summary: no header, preflight or progress lines.")
    boolean quiet;

    private final boolean colour;

    private ConformanceRunner(boolean colour) {
        this.colour = colour;
    }

    /** Whether verdicts are coloured, for the subcommands. */
    boolean colour() {
        return colour;
    }

    /** Runs the suites and exits with the gate's verdict. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/enoscoap/conformance/cli/logback-runner.xml");
        }
        boolean colour = colour(stdoutIsTerminal(), System.getenv());
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), colour, args));
    }

    /** Runs the runner with {@code args}, printing to {@code out} and {@code err} without colour; returns the exit code. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, false, args);
    }

    /** Runs the runner with {@code args}, colouring verdicts if {@code colour}; returns the exit code. */
    static int run(PrintWriter out, PrintWriter err, boolean colour, String... args) {
        CommandLine cl = new CommandLine(new ConformanceRunner(colour));
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /**
     * Whether to colour: only on a terminal, and never when the environment variable
     * {@code NO_COLOR} is set to anything but the empty string (no-color.org).
     */
    static boolean colour(boolean terminal, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return terminal && (noColor == null || noColor.isEmpty());
    }

    /** Whether standard output is a terminal (false when it is redirected to a file or a pipe). */
    private static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22 and later may give a Console when redirected; it then says whether it is a terminal.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public Integer call() {
        Map<String, String> params = validatedParameters();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(CommandLineConformanceSuite.class))
                .configurationParameters(params);
        Set<String> selected = validatedAreas();
        if (!selected.isEmpty()) {
            request.filters(TagFilter.includeTags(List.copyOf(selected)));
        }
        if (!purposes.isEmpty()) {
            request.filters(new PurposeFilter(selectedPurposes()));
        }
        ConsoleReport console = new ConsoleReport(colour);
        if (!quiet) {
            out.printf("EnOS CoAP conformance %s: judging %s %s%n", Version.kit(), clientName, clientVersion);
            out.printf("client command: %s%n", clientCmd);
            if (!selected.isEmpty()) {
                out.printf("areas: %s%n", String.join(",", selected));
            }
            out.flush();
        }

        Preflight.Result preflight = new Preflight(clientCmd, Duration.ofSeconds(timeoutSeconds)).check();
        if (preflight.refused()) {
            err.println(preflight.text());
            err.flush();
            return EXIT_UNUSABLE;
        }
        if (!quiet) {
            out.println(preflight.text());
            out.flush();
        }

        ConformanceReportListener reports = new ConformanceReportListener(judged -> {
            if (!quiet) {
                out.println(console.progressLine(judged));
                out.flush();
            }
        });
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(reports, summary)
                .build());
        launcher.execute(request.build());

        List<ConformanceReport> made = reports.reports();
        if (made.isEmpty()) {
            err.println("no conformance test ran; nothing was judged");
            summary.getSummary().getFailures().forEach(f -> err.println("  " + f.getException()));
            return EXIT_FAILED;
        }
        ConformanceReport report = made.get(0);
        if (!quiet) {
            out.println();
        }
        console.summary(report).forEach(out::println);
        long containerFailures = summary.getSummary().getContainersFailedCount();
        if (containerFailures > 0) {
            out.printf("%d suite container(s) failed to run:%n", containerFailures);
            summary.getSummary().getFailures().stream()
                    .filter(f -> !f.getTestIdentifier().isTest())
                    .forEach(f -> out.println("  " + f.getException()));
        }
        out.printf("reports: %s (%s, %s, %s)%n", reportDir, ReportWriter.HTML_FILE, ReportWriter.JSON_FILE,
                ReportWriter.JUNIT_FILE);
        boolean passed = report.gatePassed() && containerFailures == 0;
        out.println(console.gate(passed, "gate: " + (passed ? "PASSED" : "FAILED") + " (exit "
                + (passed ? EXIT_PASSED : EXIT_FAILED) + ")"));
        out.flush();
        return passed ? EXIT_PASSED : EXIT_FAILED;
    }

    private Map<String, String> validatedParameters() {
        if (clientCmd == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--client-cmd=TEMPLATE'");
        }
        try {
            CommandTemplate.parse(clientCmd);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--client-cmd: " + e.getMessage());
        }
        if (capabilities != null) {
            try {
                CommandLineConformanceSuite.capabilities(capabilities);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--capabilities: " + e.getMessage());
            }
        }
        if (timeoutSeconds <= 0) {
            throw new ParameterException(spec.commandLine(),
                    "--timeout must be a positive number of seconds, was " + timeoutSeconds);
        }
        try {
            selectedPurposes();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--purposes: " + e.getMessage());
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put(CommandLineConformanceSuite.CMD, clientCmd);
        if (capabilities != null) {
            params.put(CommandLineConformanceSuite.CAPABILITIES, capabilities);
        }
        params.put(CommandLineConformanceSuite.NAME, clientName);
        params.put(CommandLineConformanceSuite.VERSION, clientVersion);
        params.put(CommandLineConformanceSuite.TIMEOUT, Integer.toString(timeoutSeconds));
        params.put(ConformanceReportListener.REPORT_DIR, reportDir.toString());
        return params;
    }

    /** The purposes asked for with {@code --purposes}, and every purpose they need. */
    private Set<String> selectedPurposes() {
        return PurposeFilter.withPrerequisites(purposes.stream().map(p -> p.strip().toUpperCase(Locale.ROOT))
                .filter(p -> !p.isEmpty()).collect(Collectors.toSet()));
    }

    /** The areas asked for, each a tag that some conformance test carries. */
    private Set<String> validatedAreas() {
        Set<String> asked = areas.stream().map(a -> a.strip().toUpperCase(Locale.ROOT)).filter(a -> !a.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        if (asked.isEmpty()) {
            return asked;
        }
        Set<String> known = areaTags();
        for (String a : asked) {
            if (!known.contains(a)) {
                throw new ParameterException(spec.commandLine(), "--areas: unknown area '" + a + "'; known: " + known);
            }
        }
        return asked;
    }

    /** The tags of the conformance tests: one area each. */
    static Set<String> areaTags() {
        LauncherDiscoveryRequest all = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(CommandLineConformanceSuite.class)).build();
        TestPlan plan = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build()).discover(all);
        Set<String> tags = new TreeSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                id.getTags().stream().map(TestTag::getName).forEach(tags::add);
            }
        }
        return tags;
    }

    /** The kit version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        static String kit() {
            return ConformanceReportListener.kitVersion();
        }

        @Override
        public String[] getVersion() {
            return new String[] {"enos-coap-conformance " + kit()};
        }
    }
}
