package dev.enoscoap.conformance.cli;

import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkKind;
import dev.enoscoap.mock.registry.Device;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The runner's check of the client command before any suite runs: the program exists and can be
 * started, and one {@code connect} of the demo registry's {@code demoProduct/dev01} against an
 * embedded mock returns within the time limit. It refuses only a command that cannot be judged at
 * all:
 * <ul>
 * <li>the program is not found, is a directory or is not executable, or starting it fails;</li>
 * <li>the call does not return within the time limit;</li>
 * <li>it exits 126 or 127, what shells and {@code env} answer when they cannot find or run the
 * program they were asked to start (e.g. {@code bash my-shim.sh} with a mistyped script name).</li>
 * </ul>
 * A client that starts and returns is judged, whatever its exit code: a failed connect (a wrong
 * key, a refused identity, exit 3 for "not implemented") is exactly what the report is for, and so
 * is a client that exits 0 without ever reaching the server.
 *
 * <p>The call is made as the suites make every call ({@link ProgramCall}): in a process group of
 * its own, killed with that group at the time limit, its output read bounded and shown escaped.
 */
final class Preflight {
    static final String PRODUCT = "demoProduct";
    static final String DEVICE = "dev01";
    static final int LIFETIME = 120;
    private static final int STDERR_LINES = 12;

    /**
     * What the check found.
     *
     * @param refused whether the command cannot be judged
     * @param text for a refusal, the error message (several lines); otherwise one line on what
     *        the connect returned
     */
    record Result(boolean refused, String text) {
    }

    private final String templateText;
    private final CommandTemplate template;
    private final Duration timeout;

    Preflight(String templateText, Duration timeout) {
        this.templateText = templateText;
        this.template = CommandTemplate.parse(templateText);
        this.timeout = timeout;
    }

    Result check() {
        try (EnosMockServer mock = EnosMockServer.builder().start()) {
            DeviceId id = new DeviceId(PRODUCT, DEVICE);
            String secret = mock.registry().device(id).map(Device::deviceSecret).orElseThrow(
                    () -> new IllegalStateException("the demo registry has no device " + id));
            ConnectionSpec spec = new ConnectionSpec(mock.coapsUri(), PRODUCT, DEVICE, SecureMode.DEVICE_SECRET, secret, LIFETIME,
                    List.of());
            String tried = "one 'connect' as " + PRODUCT + "/" + DEVICE + " (SecureMode 2, Lifetime " + LIFETIME
                    + ") against an embedded mock at " + mock.coapsUri() + ", time limit " + timeout.toSeconds() + " s";
            Map<String, String> values = CommandLineAdapter.call("connect", spec,
                    Topics.uplinkPath(UplinkKind.MEASUREPOINT_POST, id));
            List<String> command = template.render(values);
            String program = command.get(0);
            Optional<String> problem = programProblem(program);
            if (problem.isPresent()) {
                return refuse(tried, program, problem.get());
            }
            return run(mock, tried, command, values);
        }
    }

    private Result run(EnosMockServer mock, String tried, List<String> command, Map<String, String> values) {
        String program = command.get(0);
        ProgramCall.Result r;
        try {
            r = new ProgramCall(command, CommandLineAdapter.environment(values), timeout).run();
        } catch (IOException e) {
            return refuse(tried, program, "its output could not be read: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse(tried, program, "the check was interrupted");
        }
        switch (r.ending()) {
            case NOT_STARTED -> {
                return refuse(tried, program, "it cannot be started: " + r.notStarted());
            }
            case TIMED_OUT -> {
                return refuse(tried, program, "it did not return within " + timeout.toSeconds()
                        + " s and was stopped (raise --timeout if the client is merely slow)" + stderr(r));
            }
            case EXITED -> {
                // judged below
            }
        }
        int code = r.exitCode();
        if (code == 126 || code == 127) {
            return refuse(tried, program, "it exited " + code + ", which shells and env use for "
                    + (code == 127 ? "\"command not found\"" : "\"found but cannot be executed\"") + stderr(r));
        }
        String saw = handshakes(mock);
        String judged = code != 0 ? "; " + lastLine(r) + " (judging it anyway: the report says why)"
                : saw.equals("no handshake") ? " (judging it anyway: a client that never reaches the server passes nothing)"
                : "";
        return new Result(false, "preflight: connect as " + PRODUCT + "/" + DEVICE + " exited " + code + " in "
                + seconds(r.took()) + "; the mock saw " + saw + judged);
    }

    private Result refuse(String tried, String program, String what) {
        return new Result(true, String.join("\n",
                "enos-coap-conformance: the client command cannot be judged; no purpose was run and no report written.",
                "  command: " + templateText,
                "  program: " + program,
                "  tried:   " + tried,
                "  got:     " + what.replace("\n", "\n           "),
                "Fix --client-cmd and run again (README: \"Any other client: a shim and the runner\")."));
    }

    /** Why {@code program} cannot be started, if that can be seen without starting it. */
    static Optional<String> programProblem(String program) {
        if (File.separatorChar != '/') {
            return Optional.empty();
        }
        if (program.isEmpty()) {
            return Optional.of("the command's first word is empty");
        }
        if (program.contains("/")) {
            return fileProblem(Path.of(program), program);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        Optional<String> notExecutable = Optional.empty();
        for (String dir : path.split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate)) {
                if (Files.isExecutable(candidate)) {
                    return Optional.empty();
                }
                notExecutable = fileProblem(candidate, candidate.toString());
            }
        }
        return Optional.of(notExecutable.orElse("'" + program + "' was not found on the PATH (" + path + ")"));
    }

    private static Optional<String> fileProblem(Path file, String shown) {
        if (!Files.exists(file)) {
            return Optional.of("there is no file " + file.toAbsolutePath().normalize());
        }
        if (Files.isDirectory(file)) {
            return Optional.of(shown + " is a directory");
        }
        if (!Files.isExecutable(file)) {
            return Optional.of(shown + " is not executable (chmod +x it, or start it through its interpreter, "
                    + "e.g. 'bash " + shown + " {action} ...')");
        }
        return Optional.empty();
    }

    private static String handshakes(EnosMockServer mock) {
        List<HandshakeEntry> all = mock.journal().handshakes();
        if (all.isEmpty()) {
            return "no handshake";
        }
        HandshakeEntry last = all.get(all.size() - 1);
        String outcome = last.accepted() ? "accepted" : "refused " + last.reason();
        return all.size() == 1 ? "a handshake " + outcome : all.size() + " handshakes, the last " + outcome;
    }

    private static String stderr(ProgramCall.Result r) {
        String t = r.stderrTail(STDERR_LINES);
        return t.isEmpty() ? "; stderr was empty" : "; stderr:\n" + t;
    }

    private static String lastLine(ProgramCall.Result r) {
        String t = r.stderrTail(1).strip();
        return t.isEmpty() ? "stderr was empty" : "stderr: " + t;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
