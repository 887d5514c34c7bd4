package dev.enoscoap.mock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command-line flags of limits, state and activation: bad values exit 2 and say why. */
class ReliabilityFlagsTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MockServerCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--limit=nonsense=5 | --limit: unknown limit 'nonsense'; the limits are [measure-points, attributes",
        "--limit=history=0 | --limit: limit history=0 is out of range",
        "--limit=total-bytes=100 | --limit: total bytes of device data must be at least 65536",
        "--limit=commands=x | Invalid value for option '--limit'"})
    void badLimitExitsWith2AndSaysWhy(String flag, String message) {
        String[] r = run(flag, "--port=0", "--bind=127.0.0.1");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains(message);
    }

    @Test
    void anUnreadableStateFileExitsWith2NamingIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("devices.json"), "{not json");
        String[] r = run("--state", dir.toString(), "--port=0", "--bind=127.0.0.1");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).contains("--state: state file " + dir.resolve("devices.json"));
    }

    @Test
    void helpListsTheNewFlags() {
        String[] r = run("--help");
        assertThat(r[1]).contains("--limit", "--state", "--allow-reactivation", "--serve-registered-secrets",
                "--no-registry-watch");
    }
}
