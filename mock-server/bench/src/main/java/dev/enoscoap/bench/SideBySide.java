package dev.enoscoap.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * The side-by-side benchmark: the mock (its standalone command line) and a bare Californium
 * server ({@link BareServer}), each in its own JVM with the same flags and the same settings
 * ({@link ServerSettings}), driven by the same client from this JVM, measured in interleaved
 * pairs, reported as medians of the per-pair ratios mock/bare.
 *
 * <pre>
 * java -jar mock-server/bench/target/enos-coap-bench.jar            # the full run (about 32 minutes)
 * java -jar mock-server/bench/target/enos-coap-bench.jar --smoke    # every row once, tiny (half a minute)
 * java -jar mock-server/bench/target/enos-coap-bench.jar --only throughput,start --rounds 3
 * </pre>
 *
 * <p>It prints a table and writes it to {@code side-by-side.md} next to the jar (or {@code --out FILE}).
 */
public final class SideBySide {
    /** Sections that can be chosen with {@code --only}. */
    static final List<String> SECTIONS = List.of("throughput", "heap", "start", "junit", "soak", "sustained");
    /** Single throughput rows that {@code --only} also takes: handshakes on 1 and 16 connectors, POSTs on 1 and 50 sessions. */
    static final List<String> ROWS = List.of("hs1", "hs16", "post1", "post50");

    private final Plan plan;
    private final PrintStream log;
    private final Path registry;
    private final ScheduledExecutorService shared = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "bench-client-dtls");
        t.setDaemon(true);
        return t;
    });
    private final Load load = new Load(shared);
    private final List<Row> rows = new ArrayList<>();
    /** Per throughput round: how warming the mock [0] and the bare server [1] went. */
    private final List<Warm[]> warmups = new ArrayList<>();
    private final StringBuilder notes = new StringBuilder();

    /**
     * What to run and how long.
     *
     * @param sections the sections to run
     * @param rounds interleaved pairs per throughput row
     * @param rowSeconds the window of one throughput measurement
     * @param warmupSeconds load of each throughput row's kind in one warm-up pass of a fresh server
     * @param warmupMaxSeconds warm-up passes go on until one leaves the JIT compilers busy for less than
     *        {@value #JIT_SETTLED} of it, or until this long (0: one pass)
     * @param heapRounds pairs of heap measurements
     * @param heapSessions sessions opened per heap measurement (figures are scaled to 10,000)
     * @param startPairs pairs of start measurements per registry
     * @param junitClasses trivial {@code @EnosCoapServer} classes run
     * @param soakHandshakes full handshakes in the soak
     * @param soakAddresses client addresses the soak reuses
     * @param soakBare whether the bare server is soaked too
     * @param sustainedSeconds length of the sustained run
     * @param sustainedRate uplinks per second in the sustained run
     * @param sustainedSessions sessions of the sustained run
     * @param sustainedBare whether the bare server runs the sustained load too
     * @param jvm JVM flags of both servers (the sustained run adds {@code -Xmx256m} after them)
     * @param settings the Californium settings of both servers
     * @param profileMock where to write a JFR recording of the mock, or {@code null}
     */
    record Plan(Set<String> sections, int rounds, double rowSeconds, double warmupSeconds, double warmupMaxSeconds,
            int heapRounds,
            int heapSessions, int startPairs, int junitClasses, long soakHandshakes, int soakAddresses, boolean soakBare,
            int sustainedSeconds, int sustainedRate, int sustainedSessions, boolean sustainedBare, List<String> jvm,
            ServerSettings settings, String profileMock) {

        static Plan full() {
            return new Plan(Set.copyOf(SECTIONS), 7, 5, 1.5, 90, 2, 10_000, 7, 12, 100_000, 4, true, 600, 5_000, 50, true,
                    List.of("-Xmx1g"), ServerSettings.DEFAULTS, null);
        }

        static Plan smoke() {
            return new Plan(Set.copyOf(SECTIONS), 1, 0.4, 0.1, 0, 1, 60, 1, 3, 200, 2, false, 2, 200, 5, false,
                    List.of("-Xmx256m"), ServerSettings.DEFAULTS, null);
        }
    }

    /** One line of the table: the mock's and the bare server's figure, their ratio, and the target. */
    record Row(String name, String unit, double mock, double bare, double ratio, String target, Boolean met) {
    }

    SideBySide(Plan plan, PrintStream log) throws IOException {
        this.plan = plan;
        this.log = log;
        this.registry = Devices.writeRegistry(Files.createTempFile("bench-registry-", ".json"), 10_000);
        registry.toFile().deleteOnExit();
    }

    /**
     * Runs the benchmark.
     *
     * @param args {@code --smoke}, {@code --only SECTIONS}, {@code --rounds N}, {@code --seconds S},
     *        {@code --warmup-max S} (longest warm-up of a fresh server; 0: one pass of every row's load),
     *        {@code --sustained-seconds S}, {@code --soak-handshakes N}, {@code --no-bare-sustained},
     *        {@code --no-bare-soak}, {@code --mock-without-flags}, {@code --jvm-flag FLAG} (added to both servers'
     *        JVM flags), {@code --profile-mock FILE} (a JFR recording of the mock child to FILE: the two servers then
     *        no longer run with the same flags, so take figures from a run without it), {@code --out FILE}
     */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "dev/enoscoap/bench/logback-bench.xml");
        }
        Plan plan = Plan.full();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--smoke" -> plan = Plan.smoke();
                case "--only" -> plan = with(plan, "sections", Set.of(args[++i].split(",")));
                case "--rounds" -> plan = with(plan, "rounds", Integer.parseInt(args[++i]));
                case "--seconds" -> plan = with(plan, "rowSeconds", Double.parseDouble(args[++i]));
                case "--warmup-max" -> plan = with(plan, "warmupMaxSeconds", Double.parseDouble(args[++i]));
                case "--sustained-seconds" -> plan = with(plan, "sustainedSeconds", Integer.parseInt(args[++i]));
                case "--soak-handshakes" -> plan = with(plan, "soakHandshakes", Long.parseLong(args[++i]));
                case "--heap-sessions" -> plan = with(plan, "heapSessions", Integer.parseInt(args[++i]));
                case "--no-bare-sustained" -> plan = with(plan, "sustainedBare", false);
                case "--no-bare-soak" -> plan = with(plan, "soakBare", false);
                case "--mock-without-flags" -> plan = with(plan, "settings", ServerSettings.BUILT_IN_BEFORE_FLAGS);
                case "--jvm-flag" -> {
                    List<String> jvm = new ArrayList<>(plan.jvm());
                    jvm.add(args[++i]);
                    plan = with(plan, "jvm", List.copyOf(jvm));
                }
                case "--profile-mock" -> plan = with(plan, "profileMock", args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("unknown option " + a + "; see the Javadoc of " + SideBySide.class.getName());
                    System.exit(2);
                }
            }
        }
        for (String s : plan.sections()) {
            if (!SECTIONS.contains(s) && !ROWS.contains(s)) {
                System.err.println("--only: unknown section " + s + "; the sections are " + SECTIONS + " and the rows "
                        + ROWS);
                System.exit(2);
            }
        }
        if (out == null) {
            Path home = Path.of(SideBySide.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
            out = home.resolve("side-by-side.md");
        }
        String report = new SideBySide(plan, System.out).run();
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("written to " + out.toAbsolutePath());
        System.exit(0);
    }

    /** Replaces one component of a plan. */
    private static Plan with(Plan p, String field, Object value) {
        java.lang.reflect.RecordComponent[] components = Plan.class.getRecordComponents();
        try {
            Object[] v = new Object[components.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = components[i].getName().equals(field) ? value : components[i].getAccessor().invoke(p);
            }
            return (Plan) Plan.class.getDeclaredConstructors()[0].newInstance(v);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the chosen sections and returns the report in Markdown. */
    String run() throws Exception {
        Instant began = Instant.now();
        String loadBefore = loadAverage();
        log.println("side-by-side benchmark: " + plan);
        log.println("load average before: " + loadBefore);
        if (plan.sections().contains("throughput") || plan.sections().stream().anyMatch(ROWS::contains)) {
            throughput();
        }
        if (plan.sections().contains("heap")) {
            heap();
        }
        if (plan.sections().contains("start")) {
            start();
        }
        if (plan.sections().contains("junit")) {
            junit();
        }
        if (plan.sections().contains("soak")) {
            soak();
        }
        if (plan.sections().contains("sustained")) {
            sustained();
        }
        String loadAfter = loadAverage();
        shared.shutdownNow();
        return report(began, loadBefore, loadAfter);
    }

    // ---------------------------------------------------------------- throughput and CPU

    private void throughput() throws Exception {
        Duration window = Duration.ofMillis((long) (plan.rowSeconds() * 1000));
        String[] names = {"handshake + POST, 1 connector", "handshake + POST, 16 connectors", "POSTs, 1 session",
            "POSTs, 50 sessions"};
        int[] clients = {1, 16, 1, 50};
        List<List<Load.Sample[]>> samples = new ArrayList<>();
        for (int r = 0; r < names.length; r++) {
            samples.add(new ArrayList<>());
        }
        for (int round = 0; round < plan.rounds(); round++) {
            // Every handshake row opens thousands of connections a second from the same few addresses; a bare
            // server keeps each one for 30 minutes and would stop accepting handshakes after 20,000: so both
            // servers get room for a million here (the soak shows what happens at the default).
            ServerProcess[] both = pair(plan.jvm(), registryArgs(), plan.settings().with("--max-connections", "1000000"));
            try (ServerProcess mock = both[0]; ServerProcess bare = both[1]) {
                boolean mockWarmsFirst = round % 2 == 0;
                Warm first = warmUp(mockWarmsFirst ? mock : bare, clients);
                Warm second = warmUp(mockWarmsFirst ? bare : mock, clients);
                warmups.add(mockWarmsFirst ? new Warm[] {first, second} : new Warm[] {second, first});
                for (int r = 0; r < names.length; r++) {
                    if (!plan.sections().contains(ROWS.get(r)) && !plan.sections().contains("throughput")) {
                        continue;
                    }
                    // Alternate who goes first, so a drift in the machine's load hits both alike.
                    boolean mockFirst = (round + r) % 2 == 0;
                    Load.Sample[] pair = new Load.Sample[2];
                    for (int k = 0; k < 2; k++) {
                        ServerProcess s = (k == 0) == mockFirst ? mock : bare;
                        int device = 100 + r * 100;
                        Load.Sample sample = r < 2 ? load.handshakes(s, clients[r], device, window)
                                : load.posts(s, clients[r], device, window);
                        pair[s == mock ? 0 : 1] = sample;
                        log.printf(Locale.ROOT, "  round %d %-32s %-4s %8.0f/s  cpu %7.1f µs/op  p50 %6d µs  p99 %7d µs  failed %d%n",
                                round + 1, names[r], s.kind().label(), sample.perSecond(), sample.cpuMicrosPerOp(),
                                sample.p50Micros(), sample.p99Micros(), sample.failures());
                    }
                    samples.get(r).add(pair);
                }
            }
        }
        if (!warmups.isEmpty()) {
            String warmUp = "warm-up of a fresh server until its JIT settles: ";
            rows.add(ratioRow(warmUp + "wall time", "s", warmups, Warm::seconds, "-", false));
            rows.add(ratioRow(warmUp + "server CPU", "s", warmups, Warm::cpuSeconds, "-", false));
            rows.add(ratioRow(warmUp + "JIT compilers' time", "s", warmups, Warm::jitSeconds, "-", false));
            long unsettled = warmups.stream().flatMap(Arrays::stream).filter(w -> !w.settled()).count();
            if (unsettled > 0) {
                notes.append("- warm-up: ").append(unsettled).append(" of ").append(2 * warmups.size())
                        .append(" fresh servers were still compiling after ").append(plan.warmupMaxSeconds())
                        .append(" s; they were measured all the same\n");
            }
        }
        for (int r = 0; r < names.length; r++) {
            List<Load.Sample[]> pairs = samples.get(r);
            if (pairs.isEmpty()) {
                continue;
            }
            rows.add(ratioRow(names[r] + ": per second", "/s", pairs, Load.Sample::perSecond, "≥ 0.90", true));
            rows.add(ratioRow(names[r] + ": server CPU per op", "µs", pairs, Load.Sample::cpuMicrosPerOp, "≤ 1.15", false));
            if (r == 2) {
                rows.add(ratioRow(names[r] + ": p99 latency", "µs", pairs, s -> s.p99Micros(), "-", false));
            }
        }
    }

    /** A warm-up pass that kept the JIT compilers busy for less than this share of it ends the warm-up. */
    static final double JIT_SETTLED = 0.03;

    /**
     * What warming a fresh server took: wall time, server CPU and JIT compiler time, passes, and
     * whether its compilers had settled.
     */
    record Warm(double seconds, double cpuSeconds, double jitSeconds, int passes, boolean settled) {
    }

    /**
     * Warms a fresh server with every throughput row's own load in turn (its clients, its devices),
     * pass after pass, until a pass leaves the JIT compilers busy for less than {@link #JIT_SETTLED}
     * of it: a measurement then sees the server's steady cost, not its compilers. The warm-up
     * itself is reported as rows of its own.
     */
    private Warm warmUp(ServerProcess s, int[] clients) throws Exception {
        Duration slice = Duration.ofMillis((long) (plan.warmupSeconds() * 1000));
        long began = System.nanoTime();
        long cpu0 = s.cpuNanos();
        long jit0 = s.jitMillis();
        long jit = jit0;
        int passes = 0;
        boolean settled;
        do {
            long passBegan = System.nanoTime();
            for (int r = 0; r < clients.length; r++) {
                int device = 100 + r * 100;
                if (r < 2) {
                    load.handshakes(s, clients[r], device, slice);
                } else {
                    load.posts(s, clients[r], device, slice);
                }
            }
            passes++;
            long jitAfter = s.jitMillis();
            settled = jitAfter - jit < JIT_SETTLED * (System.nanoTime() - passBegan) / 1e6;
            jit = jitAfter;
        } while (!settled && (System.nanoTime() - began) / 1e9 < plan.warmupMaxSeconds());
        Warm w = new Warm((System.nanoTime() - began) / 1e9, (s.cpuNanos() - cpu0) / 1e9, (jit - jit0) / 1e3, passes,
                settled);
        log.printf(Locale.ROOT, "  warm-up %-4s %5.1f s, %d passes, server CPU %5.1f s, JIT %5.1f s, %s%n",
                s.kind().label(), w.seconds(), w.passes(), w.cpuSeconds(), w.jitSeconds(),
                w.settled() ? "settled" : "not settled");
        return w;
    }

    /** A row from pairs of figures, the mock's first: per-pair ratios, their median. */
    private <T> Row ratioRow(String name, String unit, List<T[]> pairs, ToDoubleFunction<T> f, String target,
            boolean higherIsBetter) {
        double[] mock = pairs.stream().mapToDouble(p -> f.applyAsDouble(p[0])).toArray();
        double[] bare = pairs.stream().mapToDouble(p -> f.applyAsDouble(p[1])).toArray();
        return row(name, unit, mock, bare, target, higherIsBetter);
    }

    private static Row row(String name, String unit, double[] mock, double[] bare, String target, boolean higherIsBetter) {
        double[] ratios = new double[mock.length];
        for (int i = 0; i < mock.length; i++) {
            ratios[i] = mock[i] / bare[i];
        }
        double ratio = median(ratios);
        Boolean met = null;
        if (target.startsWith("≥ ")) {
            met = ratio >= Double.parseDouble(target.substring(2));
        } else if (target.startsWith("≤ ")) {
            met = ratio <= Double.parseDouble(target.substring(2));
        }
        return new Row(name, unit, median(mock), median(bare), ratio, target, met);
    }

    // ---------------------------------------------------------------- heap per 10,000 sessions

    private void heap() throws Exception {
        String[] names = {"heap per 10,000 sessions, handshake + ping", "heap per 10,000 sessions, handshake + one uplink"};
        for (int variant = 0; variant < 2; variant++) {
            boolean uplink = variant == 1;
            double[] mock = new double[plan.heapRounds()];
            double[] bare = new double[plan.heapRounds()];
            for (int round = 0; round < plan.heapRounds(); round++) {
                ServerProcess[] both = pair(plan.jvm(), registryArgs(), plan.settings());
                try {
                    for (int k = 0; k < 2; k++) {
                        ServerProcess.Kind kind = (k == 0) == (round % 2 == 0) ? ServerProcess.Kind.MOCK
                                : ServerProcess.Kind.BARE;
                        ServerProcess s = both[kind == ServerProcess.Kind.MOCK ? 0 : 1];
                        long before = s.heapAfterGc();
                        long failed = load.sessions(s, plan.heapSessions(), 4,
                                uplink ? Devices::uplink : i -> RawClient.ping(), uplink ? 0x44 : 0);
                        long after = s.heapAfterGc();
                        s.close();
                        double mib = (after - before) * (10_000.0 / plan.heapSessions()) / 1048576.0;
                        (kind == ServerProcess.Kind.MOCK ? mock : bare)[round] = mib;
                        log.printf(Locale.ROOT, "  %s %-4s %d sessions: %.1f MiB per 10,000 (%d not answered)%n",
                                names[variant], kind.label(), plan.heapSessions(), mib, failed);
                        if (failed > 0) {
                            notes.append("- ").append(names[variant]).append(", ").append(kind.label()).append(": ")
                                    .append(failed).append(" of ").append(plan.heapSessions())
                                    .append(" sessions not answered as expected\n");
                        }
                    }
                } finally {
                    both[0].close();
                    both[1].close();
                }
            }
            rows.add(row(names[variant], "MiB", mock, bare, uplink ? "≤ 1.25" : "-", false));
        }
    }

    // ---------------------------------------------------------------- start

    private void start() throws Exception {
        String[] names = {"start, new JVM to listening, demo registry", "start, new JVM to listening, 10,000-device registry"};
        for (int variant = 0; variant < 2; variant++) {
            List<String> args = variant == 0 ? List.of("--port", "0", "--bind", "127.0.0.1") : registryArgs();
            double[] mock = new double[plan.startPairs()];
            double[] bare = new double[plan.startPairs()];
            for (int round = 0; round < plan.startPairs(); round++) {
                for (int k = 0; k < 2; k++) {
                    ServerProcess.Kind kind = (k == 0) == (round % 2 == 0) ? ServerProcess.Kind.MOCK : ServerProcess.Kind.BARE;
                    try (ServerProcess s = server(kind, plan.jvm(), args)) {
                        double ms = s.startTime().toNanos() / 1e6;
                        (kind == ServerProcess.Kind.MOCK ? mock : bare)[round] = ms;
                        log.printf(Locale.ROOT, "  %s %-4s %.0f ms%n", names[variant], kind.label(), ms);
                    }
                }
            }
            rows.add(row(names[variant], "ms", mock, bare, variant == 0 ? "≤ 1.50" : "-", false));
        }
    }

    // ---------------------------------------------------------------- @EnosCoapServer

    private void junit() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Jvm.java());
        command.addAll(plan.jvm());
        command.add(ServerProcess.LOGGING);
        command.add("-cp");
        command.add(Jvm.classpath());
        command.add(ServerMain.class.getName());
        command.add("junit");
        command.add(String.valueOf(plan.junitClasses()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<Double> times = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(ServerMain.REPLY + "junit-class ")) {
                    String[] f = line.split(" ");
                    times.add(Double.parseDouble(f[f.length - 1]));
                } else if (line.startsWith(ServerMain.REPLY + "junit-failed") || line.contains("ERROR")) {
                    problems.add(line);
                }
            }
        }
        int code = p.waitFor();
        if (code != 0 || times.size() != plan.junitClasses()) {
            throw new IllegalStateException("the @EnosCoapServer classes did not all pass (exit " + code + ", "
                    + times.size() + " of " + plan.junitClasses() + " timed): " + problems);
        }
        double[] later = times.subList(1, times.size()).stream().mapToDouble(Double::doubleValue).toArray();
        double median = median(later);
        log.printf(Locale.ROOT, "  @EnosCoapServer classes (ms): %s%n", times);
        rows.add(new Row("@EnosCoapServer class after the first (median of " + later.length + ")", "ms", median,
                Double.NaN, Double.NaN, "< 20 ms", median < 20));
        rows.add(new Row("@EnosCoapServer first class (loads the classes)", "ms", times.get(0), Double.NaN, Double.NaN,
                "-", null));
    }

    // ---------------------------------------------------------------- soak

    private void soak() throws Exception {
        for (ServerProcess.Kind kind : plan.soakBare() ? List.of(ServerProcess.Kind.MOCK, ServerProcess.Kind.BARE)
                : List.of(ServerProcess.Kind.MOCK)) {
            try (ServerProcess s = server(kind, plan.jvm(), registryArgs())) {
                s.watch(Pattern.compile("(?i)connection limit|connection store|too many recent handshakes"));
                Load.Soak soak = load.soak(s, plan.soakAddresses(), plan.soakHandshakes(), 9_999, log);
                boolean ok = !soak.stalled() && soak.handshakes() >= plan.soakHandshakes() && soak.newDeviceCode() == 0x44
                        && soak.newDeviceMillis() < 1_000;
                String line = String.format(Locale.ROOT, "%s: %d full handshakes from %d reused addresses in %.0f s "
                        + "(%.0f/s), %d not answered%s; then a new device from a new address: %s in %d ms; "
                        + "%d connection-limit lines in its log", kind.label(), soak.handshakes(), plan.soakAddresses(),
                        soak.seconds(), soak.handshakes() / soak.seconds(), soak.failures(),
                        soak.stalled() ? ", STALLED (a client got no answer 3 times in a row)" : "",
                        soak.newDeviceCode() == 0x44 ? "connected and answered 2.04" : "NOT answered (code "
                                + soak.newDeviceCode() + ")", soak.newDeviceMillis(), s.matchedLines());
                log.println("  soak " + line);
                if (s.matchedLines() > 0) {
                    log.println("    e.g. " + s.matchedSamples());
                }
                notes.append("- soak, ").append(line).append('\n');
                rows.add(new Row("soak " + kind.label() + ": " + plan.soakHandshakes() + " handshakes, then a new device",
                        "ms", kind == ServerProcess.Kind.MOCK ? soak.newDeviceMillis() : Double.NaN,
                        kind == ServerProcess.Kind.BARE ? soak.newDeviceMillis() : Double.NaN, Double.NaN,
                        kind == ServerProcess.Kind.MOCK ? "no stall, new device < 1 s" : "-",
                        kind == ServerProcess.Kind.MOCK ? ok : null));
            }
        }
    }

    // ---------------------------------------------------------------- sustained

    private void sustained() throws Exception {
        List<String> jvm = new ArrayList<>(plan.jvm());
        jvm.add("-Xmx256m");
        Map<ServerProcess.Kind, List<Load.Tick>> runs = new LinkedHashMap<>();
        for (ServerProcess.Kind kind : plan.sustainedBare() ? List.of(ServerProcess.Kind.MOCK, ServerProcess.Kind.BARE)
                : List.of(ServerProcess.Kind.MOCK)) {
            try (ServerProcess s = server(kind, jvm, registryArgs())) {
                // The log's queue overflowing, not its lines-a-second cap (expected at 5,000 uplinks a second).
                s.watch(Pattern.compile("journal entries were not logged: the log could not keep up"));
                runs.put(kind, load.sustained(s, plan.sustainedSessions(), plan.sustainedRate(),
                        Duration.ofSeconds(plan.sustainedSeconds()), Duration.ofSeconds(Math.min(10, plan.sustainedSeconds())),
                        log));
                if (s.matchedLines() > 0) {
                    notes.append("- sustained, ").append(kind.label()).append(": the log could not keep up ")
                            .append(s.matchedLines()).append(" times, e.g. ").append(s.matchedSamples()).append('\n');
                }
            }
        }
        StringBuilder table = new StringBuilder("\n### Sustained run: " + plan.sustainedRate() + " uplinks/s on "
                + plan.sustainedSessions() + " sessions for " + plan.sustainedSeconds() + " s, -Xmx256m\n\n"
                + "| server | at s | uplinks/s | failed | heap used MiB | most after a GC MiB | live after a full GC MiB "
                + "| GCs | GC ms | OOM |\n|---|---|---|---|---|---|---|---|---|---|\n");
        runs.forEach((kind, ticks) -> {
            int stride = Math.max(1, ticks.size() / 20);
            for (int i = 0; i < ticks.size(); i++) {
                if (i % stride != 0 && i != ticks.size() - 1 && ticks.get(i).liveBytes() < 0) {
                    continue;
                }
                Load.Tick t = ticks.get(i);
                table.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %d | %.1f | %.1f | %s | %d | %d | %s |%n",
                        kind.label(), t.atSeconds(), t.perSecond(), t.failures(), t.usedBytes() / 1048576.0,
                        t.maxAfterGcBytes() / 1048576.0, t.liveBytes() < 0 ? "" : String.format(Locale.ROOT, "%.1f",
                                t.liveBytes() / 1048576.0), t.gcCount(), t.gcMillis(), t.outOfMemory() ? "yes" : "no"));
            }
        });
        notes.append(table);
        for (ServerProcess.Kind kind : runs.keySet()) {
            List<Load.Tick> ticks = runs.get(kind);
            if (ticks.isEmpty()) {
                continue;
            }
            boolean oom = ticks.stream().anyMatch(Load.Tick::outOfMemory);
            double rate = ticks.stream().mapToDouble(Load.Tick::perSecond).average().orElse(0);
            // Flat: the live set after a full collection at the end is within 20 % (plus 8 MiB) of the one a third in.
            double[] live = ticks.stream().filter(t -> t.liveBytes() >= 0).mapToDouble(t -> t.liveBytes() / 1048576.0)
                    .toArray();
            Load.Tick end = ticks.get(ticks.size() - 1);
            boolean flat = !oom && (live.length < 2 || live[live.length - 1] <= live[0] * 1.2 + 8);
            double last = live.length == 0 ? Double.NaN : live[live.length - 1];
            rows.add(new Row("sustained " + kind.label() + ": uplinks/s achieved", "/s", kind == ServerProcess.Kind.MOCK
                    ? rate : Double.NaN, kind == ServerProcess.Kind.BARE ? rate : Double.NaN, Double.NaN, "-", null));
            rows.add(new Row("sustained " + kind.label() + ": live heap after a full GC at the end (MiB)", "MiB",
                    kind == ServerProcess.Kind.MOCK ? last : Double.NaN, kind == ServerProcess.Kind.BARE ? last : Double.NaN,
                    Double.NaN, kind == ServerProcess.Kind.MOCK ? "no OOM, flat" : "-",
                    kind == ServerProcess.Kind.MOCK ? flat : null));
            boolean mock = kind == ServerProcess.Kind.MOCK;
            rows.add(new Row("sustained " + kind.label() + ": collections", "", mock ? end.gcCount() : Double.NaN,
                    mock ? Double.NaN : end.gcCount(), Double.NaN, "-", null));
            rows.add(new Row("sustained " + kind.label() + ": time in collections", "ms", mock ? end.gcMillis() : Double.NaN,
                    mock ? Double.NaN : end.gcMillis(), Double.NaN, "-", null));
        }
    }

    // ---------------------------------------------------------------- helpers

    private List<String> registryArgs() {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--bind", "127.0.0.1", "--registry", registry.toString()));
        return args;
    }

    /** The mock and the bare server, started at the same time (for measurements that do not time the start). */
    private ServerProcess[] pair(List<String> jvm, List<String> args, ServerSettings settings) throws Exception {
        java.util.concurrent.CompletableFuture<ServerProcess> bare = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return server(ServerProcess.Kind.BARE, jvm, args, settings);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ServerProcess mock;
        try {
            mock = server(ServerProcess.Kind.MOCK, jvm, args, settings);
        } catch (IOException e) {
            bare.thenAccept(ServerProcess::close);
            throw e;
        }
        try {
            return new ServerProcess[] {mock, bare.join()};
        } catch (RuntimeException e) {
            mock.close();
            throw e;
        }
    }

    private ServerProcess server(ServerProcess.Kind kind, List<String> jvm, List<String> args) throws IOException {
        return server(kind, jvm, args, plan.settings());
    }

    private ServerProcess server(ServerProcess.Kind kind, List<String> jvm, List<String> args, ServerSettings settings)
            throws IOException {
        List<String> all = new ArrayList<>(args);
        all.addAll(settings.flags(kind == ServerProcess.Kind.MOCK));
        List<String> flags = jvm;
        if (kind == ServerProcess.Kind.MOCK && plan.profileMock() != null) {
            flags = new ArrayList<>(jvm);
            flags.add("-XX:StartFlightRecording=settings=profile,filename=" + plan.profileMock());
        }
        return ServerProcess.start(kind, flags, all);
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The rows produced so far. */
    List<Row> rows() {
        return List.copyOf(rows);
    }

    private String report(Instant began, String loadBefore, String loadAfter) {
        StringBuilder sb = new StringBuilder();
        sb.append("| measurement | unit | mock | bare | mock/bare | target | met |\n|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", r.name(), r.unit(), fmt(r.mock()),
                    fmt(r.bare()), Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio()), r.target(),
                    r.met() == null ? "-" : r.met() ? "yes" : "**no**"));
        }
        sb.append('\n').append(notes);
        sb.append(String.format(Locale.ROOT, "%nStarted %s, took %d s. Java %s, %d cores. Load average (1, 5, 15 min) "
                + "before: %s; after: %s.%nServers: JVM flags %s (the sustained run adds -Xmx256m); settings %s. "
                + "Throughput: %d rounds of %.1f s per server "
                + "and row after warming each fresh server with every row's load for %.1f s a pass until its JIT "
                + "settled (under %.0f %% of a pass compiling) or for at most %.0f s; heap: %d rounds of %d sessions; "
                + "start: %d pairs.%n", began,
                Duration.between(began, Instant.now()).toSeconds(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter, plan.jvm(), plan.settings(),
                plan.rounds(), plan.rowSeconds(), plan.warmupSeconds(), JIT_SETTLED * 100, plan.warmupMaxSeconds(),
                plan.heapRounds(), plan.heapSessions(),
                plan.startPairs()));
        return sb.toString();
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
