package dev.enoscoap.mock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line in this JVM: flags handed to the builders, and what it says when one is refused. */
class MockServerCommandTest {

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MockServerCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--no-such-flag | Unknown option: '--no-such-flag'",
        "--port=abc | Invalid value for option '--port'",
        "--port=70000 | --port: port 70000 is outside 0..65535",
        "--port=-1 | --port: port -1 is outside 0..65535",
        "--cipher-suites=AES_256_GCM | --cipher-suites: 'AES_256_GCM' is not an EnOS cipher suite",
        "--journal-capacity=0 | --journal-capacity: journal capacity must be at least 1, was 0",
        "--max-payload=0 | --max-payload: max payload must be at least 1 byte, was 0",
        "--bind=no.such.host.invalid | --bind: bind address 'no.such.host.invalid' cannot be resolved",
        "--forward-url=ftp://example.org/hook | --forward-url: forward URL 'ftp://example.org/hook' is not an http:// or https:// URL",
        "--registry=/no/such/registry.json | --registry: registry /no/such/registry.json: cannot be read",
        "--admin-port=70000 | --admin-port: admin port 70000 is outside 0..65535",
        "--admin-bind=no.such.host.invalid | --admin-bind: admin bind address 'no.such.host.invalid' cannot be resolved",
        "--admin-token=short | --admin-token: admin token must be at least 16 printable ASCII characters",
        "--admin-allowed-host=a/b | --admin-allowed-host: allowed host must be a host name",
        "--log-format=xml | Invalid value for option '--log-format'",
        "--log-level=LOUD | Invalid value for option '--log-level'",
        "--quiet --verbose | are mutually exclusive"})
    void badFlagExitsWith2AndNamesIt(String flags, String message) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(flags.split(" ")));
        if (!flags.startsWith("--port")) {
            args.add("--port=0");
        }
        if (!flags.startsWith("--bind")) {
            args.add("--bind=127.0.0.1");
        }
        if (flags.startsWith("--admin-") && !flags.startsWith("--admin-port")) {
            args.add("--admin-port=0");
        }
        Result r = run(args.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(MockServerCommand.EXIT_USAGE);
        assertThat(r.err()).contains(message);
        assertThat(r.out()).doesNotContain("listening");
    }

    @Test
    void badRegistryExitsWith2NamingFileLocationAndRule(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reg.json");
        Files.writeString(file, "{\"products\": [{\"productKey\": \"pk\", \"dynamicActivation\": true}]}");
        Result r = run("--registry", file.toString(), "--port", "0", "--bind", "127.0.0.1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("--registry: registry " + file).contains("/products/0/productSecret")
                .contains("needs a productSecret");
        assertThat(r.out()).doesNotContain("listening");
    }

    @Test
    void takenAdminPortExitsWith1InOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = run("--port", "0", "--bind", "127.0.0.1", "--admin-port", Integer.toString(taken.getLocalPort()));
            assertThat(r.code()).isEqualTo(MockServerCommand.EXIT_START);
            assertThat(r.err()).isEqualTo("TCP port " + taken.getLocalPort() + " on 127.0.0.1 is in use: stop what holds it, "
                    + "or pick another port with --admin-port (0 picks a free one)" + System.lineSeparator());
        }
    }

    @Test
    void helpListsTheFlagsAndTheExitCodes() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--port", "--bind", "--registry", "--cipher-suites", "--auto-register",
                "--admin-port", "--admin-token", "--admin-allowed-host", "--quiet", "--verbose", "--log-level",
                "--log-format", "Exit codes: 0 stopped, also by Ctrl-C or SIGTERM; 1 could not start");
    }

    @Test
    void aRegistryMayBeNamedOnTheClasspath() {
        Result r = run("--registry=classpath:enos-fixtures/registry/no-such.json", "--port=0", "--bind=127.0.0.1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--registry: registry classpath:enos-fixtures/registry/no-such.json: no such resource");
    }
}
