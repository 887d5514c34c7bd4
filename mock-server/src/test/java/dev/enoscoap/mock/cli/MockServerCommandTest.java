package dev.enoscoap.mock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.mock.protocol.PskKeys;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Duration;
import dev.enoscoap.mock.Await;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        "--port=70000 | --port: 70000 is outside 0..65535",
        "--port=-1 | --port: -1 is outside 0..65535",
        "--cipher-suites=AES_256_GCM | --cipher-suites: 'AES_256_GCM' is not an EnOS cipher suite",
        "--journal-capacity=0 | --journal-capacity: must be at least 1",
        "--bind=no.such.host.invalid | --bind: bind address 'no.such.host.invalid' cannot be resolved"})
    void badFlagExitsWith2AndSaysWhy(String flag, String message) {
        Result r = flag.startsWith("--port") ? run(flag) : run(flag, "--port=0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(message);
    }

    @Test
    void badRegistryExitsWith2NamingFileLocationAndRule(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("reg.json");
        Files.writeString(file, "{\"products\": [{\"productKey\": \"pk\", \"dynamicActivation\": true}]}");
        Result r = run("--registry", file.toString(), "--port", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(file.toString()).contains("/products/0/productSecret")
                .contains("needs a productSecret");
        assertThat(r.out()).doesNotContain("listening");
    }

    @Test
    void portInUseExitsWith1AndSaysWhy() {
        try (dev.enoscoap.mock.EnosMockServer taken = dev.enoscoap.mock.EnosMockServer.builder().start()) {
            Result r = run("--bind", "127.0.0.1", "--port", Integer.toString(taken.port()));
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).startsWith("cannot start: cannot start the mock on 127.0.0.1:" + taken.port());
        }
    }

    @Test
    void helpListsTheFlags() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--port", "--bind", "--registry", "--cipher-suites", "--auto-register");
    }

    /**
     * The real program in its own JVM: it prints where it listens, serves a handshake, logs one line
     * for it without the secret, and stops cleanly on SIGINT (Ctrl-C).
     */
    @Test
    void standaloneServesAndStopsCleanly() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MockServerCommand.class.getName(), "--port", "0", "--bind", "127.0.0.1")
                .redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                lines.add("(read failed: " + e + ")");
            }
        });
        reader.start();
        try {
            Pattern listening = Pattern.compile("listening on coaps://127\\.0\\.0\\.1:(\\d+)");
            Await.until(Duration.ofSeconds(30), () -> lines.stream().anyMatch(l -> listening.matcher(l).find()),
                    () -> String.join("\n", lines));
            Matcher m = lines.stream().map(listening::matcher).filter(Matcher::find).findFirst().orElseThrow();
            int port = Integer.parseInt(m.group(1));

            // A malformed datagram must not disturb it; an openssl handshake (when present) is logged.
            try (DatagramSocket socket = new DatagramSocket()) {
                byte[] junk = "not dtls".getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(junk, junk.length, InetAddress.getLoopbackAddress(), port));
            }
            Path openssl = Path.of("/usr/bin/openssl");
            if (Files.isExecutable(openssl)) {
                Process client = new ProcessBuilder(openssl.toString(), "s_client", "-dtls1_2", "-connect",
                        "127.0.0.1:" + port, "-psk_identity", "demoProduct,dev01,2,60", "-psk",
                        PskKeys.deriveHex("demo-device-secret-01"), "-cipher", "PSK-AES128-CCM8", "-brief")
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
                client.waitFor(20, TimeUnit.SECONDS);
                Await.until(Duration.ofSeconds(10), () -> lines.stream().anyMatch(l -> l.contains("handshake ACCEPTED")),
                        () -> String.join("\n", lines));
                assertThat(lines).anySatisfy(l -> assertThat(l)
                        .contains("handshake ACCEPTED peer=127.0.0.1:")
                        .contains("identity='demoProduct,dev01,2,60'")
                        .contains("suite=TLS_PSK_WITH_AES_128_CCM_8"));
            }
            // Ctrl-C: SIGINT runs the shutdown hook. (Process.destroy would close our end of stdout.)
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
        } finally {
            process.destroyForcibly();
        }
        assertThat(lines).contains("stopped");
        assertThat(String.join("\n", lines)).doesNotContain("demo-device-secret-01")
                .doesNotContain(PskKeys.deriveHex("demo-device-secret-01"));
    }
}
