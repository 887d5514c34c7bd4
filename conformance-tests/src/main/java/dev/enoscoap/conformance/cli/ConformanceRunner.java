package dev.enoscoap.conformance.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.enoscoap.conformance.report.ConformanceReport;
import dev.enoscoap.conformance.report.ConformanceReportListener;
import dev.enoscoap.conformance.report.Verdict;
import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.PurposeFilter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
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
 * The conformance runner for CI gating: runs every suite against a program driven through the
 * {@linkplain CommandLineAdapter shim contract}, each purpose with its own embedded mock server,
 * prints a summary table, writes {@code conformance-report.json} and {@code .html}, and exits
 * <ul>
 * <li>0 when no MUST purpose failed or was inconclusive and at least one purpose passed,</li>
 * <li>1 otherwise (a MUST purpose failed, or was inconclusive so nothing was proven, or nothing
 * passed, or the suites could not run),</li>
 * <li>2 for bad options.</li>
 * </ul>
 * SHOULD purposes are reported but do not change the exit code.
 */
@Command(name = "enos-coap-conformance", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = ConformanceRunner.Version.class,
        description = "Judges an EnOS CoAP/DTLS client, driven through a command template, against the EnOS "
                + "conformance suites with an embedded mock server.%n"
                + "Exit codes: 0 no MUST purpose failed or was inconclusive; 1 otherwise; 2 bad options.")
public final class ConformanceRunner implements Callable<Integer> {
    static final int EXIT_PASSED = 0;
    static final int EXIT_FAILED = 1;
    private static final int EVIDENCE_WIDTH = 110;

    @Spec
    CommandSpec spec;

    @Option(names = "--client-cmd", required = true, paramLabel = "TEMPLATE",
            description = "Command that runs the client for one action, with placeholders such as {action} {host} "
                    + "{port} {productKey} {deviceKey} {secureMode} {lifetime} {secret} {keyHex} {identity} {suites} "
                    + "{topic} {payload} {uri}. Split like a shell command; no shell runs.")
    String clientCmd;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "conformance-report",
            description = "Directory for conformance-report.json and conformance-report.html (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--capabilities", paramLabel = "LIST",
            description = "Declared capabilities, comma-separated: SECURE_MODE_2, SECURE_MODE_3, CIPHER_CCM_8, "
                    + "CIPHER_CBC_SHA256, UPLINK, DOWNLINK, SESSION_REUSE (default: all but SESSION_REUSE).")
    String capabilities;

    @Option(names = "--client-name", paramLabel = "NAME", defaultValue = "command-line client",
            description = "The client's name in the report (default: ${DEFAULT-VALUE}).")
    String clientName;

    @Option(names = "--client-version", paramLabel = "VERSION", defaultValue = "unknown",
            description = "The client's version in the report (default: ${DEFAULT-VALUE}).")
    String clientVersion;

    @Option(names = "--areas", paramLabel = "LIST", split = ",",
            description = "Judge only the purposes of these areas, e.g. DTLS,KEY (the area is the middle of the "
                    + "purpose id; default: all). Areas: DTLS, ID, KEY, LT, ACT, COAP, UP, DOWN, ROB.")
    List<String> areas = List.of();

    @Option(names = "--purposes", paramLabel = "LIST", split = ",",
            description = "Judge only these purposes and the purposes they need, e.g. ENOS-KEY-01,ENOS-ACT-03.")
    List<String> purposes = List.of();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Time limit of one client call; a call that takes longer is stopped and fails "
                    + "(default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** Runs the suites and exits with the gate's verdict. */
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/enoscoap/conformance/cli/logback-runner.xml");
        }
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the runner with {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new ConformanceRunner());
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        Map<String, String> params = validatedParameters();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.printf("EnOS CoAP conformance %s: judging %s %s%n", Version.kit(), clientName, clientVersion);
        out.printf("client command: %s%n", clientCmd);
        if (!areas.isEmpty()) {
            out.printf("areas: %s%n", String.join(",", areas));
        }
        out.flush();

        ConformanceReportListener reports = new ConformanceReportListener();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        TestExecutionListener progress = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    err.printf("  %-12s %s%n", result.getStatus(), id.getDisplayName());
                    err.flush();
                }
            }
        };
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(CommandLineConformanceSuite.class))
                .configurationParameters(params);
        if (!areas.isEmpty()) {
            request.filters(new AreaFilter(normalizedAreas()));
        }
        if (!purposes.isEmpty()) {
            request.filters(new PurposeFilter(selectedPurposes()));
        }
        LauncherDiscoveryRequest built = request.build();
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(reports, summary, progress)
                .build());
        launcher.execute(built);

        List<ConformanceReport> made = reports.reports();
        if (made.isEmpty()) {
            err.println("no conformance test ran; nothing was judged");
            summary.getSummary().getFailures().forEach(f -> err.println("  " + f.getException()));
            return EXIT_FAILED;
        }
        ConformanceReport report = made.get(0);
        printTable(out, report);
        long containerFailures = summary.getSummary().getContainersFailedCount();
        if (containerFailures > 0) {
            out.printf("%d suite container(s) failed to run:%n", containerFailures);
            summary.getSummary().getFailures().stream()
                    .filter(f -> !f.getTestIdentifier().isTest())
                    .forEach(f -> out.println("  " + f.getException()));
        }
        out.printf("reports: %s, %s%n", reportDir.resolve("conformance-report.html"),
                reportDir.resolve("conformance-report.json"));
        boolean passed = report.gatePassed() && containerFailures == 0;
        out.printf("gate: %s (exit %d)%n", passed ? "PASSED" : "FAILED", passed ? EXIT_PASSED : EXIT_FAILED);
        out.flush();
        return passed ? EXIT_PASSED : EXIT_FAILED;
    }

    private Map<String, String> validatedParameters() {
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
        Set<String> known = knownAreas();
        for (String a : normalizedAreas()) {
            if (!known.contains(a)) {
                throw new ParameterException(spec.commandLine(), "--areas: unknown area '" + a + "'; known: " + known);
            }
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

    private Set<String> normalizedAreas() {
        return areas.stream().map(a -> a.strip().toUpperCase(Locale.ROOT)).filter(a -> !a.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> knownAreas() {
        return Catalogue.load().all().values().stream().map(Catalogue.Entry::area)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static void printTable(PrintWriter out, ConformanceReport report) {
        out.println();
        out.printf("%-13s %-6s %-14s %s%n", "PURPOSE", "LEVEL", "VERDICT", "EVIDENCE");
        for (ConformanceReport.PurposeVerdict p : report.purposes()) {
            String evidence = p.evidence().lines().findFirst().orElse("");
            if (evidence.length() > EVIDENCE_WIDTH) {
                evidence = evidence.substring(0, EVIDENCE_WIDTH - 1) + "…";
            }
            out.printf("%-13s %-6s %-14s %s%n", p.id(), p.level(), p.verdict().label(), evidence);
        }
        Map<Verdict, Integer> counts = report.counts();
        out.println();
        out.println(Stream.of(Verdict.PASS, Verdict.FAIL, Verdict.INCONCLUSIVE, Verdict.NOT_APPLICABLE, Verdict.NOT_RUN)
                .map(v -> counts.get(v) + " " + v.label().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
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
