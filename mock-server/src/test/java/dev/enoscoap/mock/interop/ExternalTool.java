package dev.enoscoap.mock.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real peer nobody here wrote, run as an external process. A missing tool skips the test on a
 * developer machine and fails it where {@link #required()} (as in CI).
 */
final class ExternalTool {
    private ExternalTool() {
    }

    /** The tool's path, or a skipped (or, where required, failed) test. */
    static Path require(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String reason = name + " is not on the PATH; install Debian package " + debianPackage;
        if (required()) {
            Assertions.fail(reason + " (interop.required=true, or CI=true, makes a missing peer an error)");
        }
        Assumptions.abort(reason);
        return null;
    }

    /** Whether a missing peer is an error: {@code -Dinterop.required=true}, or the environment has CI=true. */
    static boolean required() {
        return Boolean.getBoolean("interop.required") || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** What a run printed and how it ended. */
    record Run(int exitCode, String output, boolean timedOut) {
    }

    /**
     * Runs a bash script (so raw key bytes can be built with printf) and returns its output.
     */
    static Run bash(String script, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", script));
        return run(command, timeout);
    }

    /** Starts a process in the background, output discarded; the caller destroys it. */
    static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        }
    }

    static Run run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(finished ? process.exitValue() : -1, output, !finished);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    /** A key as a bash {@code $'...'} literal of raw bytes; libcoap 4.3.1 takes {@code -k} as raw bytes. */
    static String rawBytesLiteral(byte[] key) {
        StringBuilder sb = new StringBuilder("$'");
        for (byte b : key) {
            if (b == 0) {
                throw new IllegalArgumentException("a key with a 0x00 byte cannot be passed on a command line");
            }
            sb.append(String.format("\\x%02x", b & 0xff));
        }
        return sb.append('\'').toString();
    }

    /** Single-quotes text for bash. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
