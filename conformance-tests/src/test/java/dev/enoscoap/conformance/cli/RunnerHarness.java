package dev.enoscoap.conformance.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the conformance runner in-process for tests outside its package (the kill matrix). */
public final class RunnerHarness {

    /** What one run printed and returned. */
    public record Run(int exit, String out, String err) {
    }

    private RunnerHarness() {
    }

    /** Runs {@code ConformanceRunner.run(out, err, args)}. */
    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ConformanceRunner.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The libcoap shim copied out of the classpath into {@code dir} (skips or fails the test without coap-client). */
    public static Path libcoapShim(Path dir) {
        return LibcoapShim.copy(dir);
    }

    /** The runner template for a script taking the libcoap shim's arguments. */
    public static String template(Path script, String secretArg) {
        return LibcoapShim.template(script, secretArg);
    }
}
