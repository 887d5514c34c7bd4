package dev.enoscoap.conformance.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One call of a client program, made the same way for the command-line adapter and for the
 * runner's preflight: the program starts in a session and process group of its own (through
 * {@code setsid} where it exists) with standard input from {@code /dev/null} and its output in
 * temporary files; when it runs over the time limit it is killed with its whole process group, and
 * when it returns its group is killed too, so nothing it started (even a double-forked child)
 * outlives the call. At most {@value #OUTPUT_BYTES} bytes of each stream are read back, and
 * {@link Result#stderrTail} gives stderr as evidence: the last lines, control characters escaped,
 * each line cut.
 */
final class ProgramCall {
    /** At most this much of a program's stdout and of its stderr is read. */
    static final int OUTPUT_BYTES = 64 * 1024;
    /** A line of evidence is cut after this many characters. */
    static final int LINE_CHARS = 300;
    /** {@code setsid} to start the program in a session and process group of its own, or null where there is none. */
    static final String SETSID = findSetsid();

    /** How a call ended. */
    enum Ending {
        /** The program returned; its exit code is in the result. */
        EXITED,
        /** The program did not return within the time limit and was killed with its process group. */
        TIMED_OUT,
        /** The program could not be started; the result says why. */
        NOT_STARTED
    }

    /**
     * What a call left behind.
     *
     * @param ending how it ended
     * @param exitCode the exit code for {@link Ending#EXITED}, else -1
     * @param stdout the end of its standard output, bounded, as it was printed
     * @param stderr the end of its standard error, bounded, as it was printed
     * @param notStarted for {@link Ending#NOT_STARTED}, why (escaped); else {@code null}
     * @param took how long the call took
     */
    record Result(Ending ending, int exitCode, String stdout, String stderr, String notStarted, Duration took) {
        /** The last {@code lines} non-blank lines of stderr, control characters escaped, each cut after {@value #LINE_CHARS} characters. */
        String stderrTail(int lines) {
            return Text.escapedLines(Text.lastLines(stderr, lines), LINE_CHARS);
        }

        /** The same for stdout. */
        String stdoutTail(int lines) {
            return Text.escapedLines(Text.lastLines(stdout, lines), LINE_CHARS);
        }
    }

    private final List<String> command;
    private final Map<String, String> environment;
    private final Duration timeout;
    private volatile Process process;

    /**
     * @param command the program and its arguments
     * @param environment variables added to the program's environment
     * @param timeout the time limit of the call
     */
    ProgramCall(List<String> command, Map<String, String> environment, Duration timeout) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no program to run");
        }
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Runs the program to its end or to the time limit.
     *
     * @throws InterruptedException if the calling thread is interrupted; the program is killed with its group first
     * @throws IOException if the temporary files for its output cannot be made or read
     */
    Result run() throws IOException, InterruptedException {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("enos-client-", ".out");
            err = Files.createTempFile("enos-client-", ".err");
            List<String> started = new ArrayList<>();
            if (SETSID != null) {
                started.add(SETSID);
            }
            started.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(started).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(environment);
            long start = System.nanoTime();
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new Result(Ending.NOT_STARTED, -1, "", "", Text.escape(e.getMessage()), since(start));
            }
            process = p;
            boolean finished;
            try {
                finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                kill(p);
                throw e;
            } finally {
                process = null;
            }
            Duration took = since(start);
            if (!finished) {
                kill(p);
                return new Result(Ending.TIMED_OUT, -1, Text.tail(out, OUTPUT_BYTES), Text.tail(err, OUTPUT_BYTES), null,
                        took);
            }
            // The program is done; whatever it left running in its group goes too.
            killGroup(p.pid());
            int code = p.exitValue();
            String stderr = Text.tail(err, OUTPUT_BYTES);
            if (SETSID != null && (code == 126 || code == 127) && stderr.startsWith("setsid: failed to execute")) {
                return new Result(Ending.NOT_STARTED, -1, "", stderr, Text.escape(Text.lastLines(stderr, 1)), took);
            }
            return new Result(Ending.EXITED, code, Text.tail(out, OUTPUT_BYTES), stderr, null, took);
        } finally {
            delete(out);
            delete(err);
        }
    }

    /** Kills the program with its process group, if it is running. Safe from any thread. */
    void stop() {
        Process p = process;
        if (p != null) {
            kill(p);
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String findSetsid() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, "setsid"))) {
                return dir + "/setsid";
            }
        }
        return null;
    }

    private static void kill(Process p) {
        killGroup(p.pid());
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process group {@code pgid} (the program's, when it was started through setsid). */
    private static void killGroup(long pgid) {
        if (SETSID == null) {
            return;
        }
        try {
            Process k = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            k.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill command: the descendants are killed one by one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }
}
