package dev.enoscoap.mock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.mock.Await;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.protocol.PskKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.californium.core.CoapResponse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The standalone program in its own JVM: what it prints, how it logs, and its exit codes on
 * SIGINT, SIGTERM and a taken port.
 */
class StandaloneTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("listening on coaps:\\\\?/\\\\?/127\\.0\\.0\\.1:(\\d+)");
    private static final String UPLINK = "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
            + "\"params\":{\"measurepoints\":{\"temp\":21.5}}}";

    /** The program as a child process, with its stdout and stderr lines. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final List<String> out = new CopyOnWriteArrayList<>();
        final List<String> err = new CopyOnWriteArrayList<>();
        private final List<Thread> readers = new ArrayList<>();

        Child(Map<String, String> env, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), MockServerCommand.class.getName()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            this.process = pb.start();
            readers.add(reader(process.getInputStream(), out));
            readers.add(reader(process.getErrorStream(), err));
        }

        private static Thread reader(InputStream stream, List<String> lines) {
            Thread t = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("(read failed: " + e + ")");
                }
            });
            t.start();
            return t;
        }

        /** The CoAP port, once it says where it listens. */
        int port() {
            Await.until(WAIT, () -> out.stream().anyMatch(l -> LISTENING.matcher(l).find()) || !process.isAlive(),
                    this::dump);
            Matcher m = out.stream().map(LISTENING::matcher).filter(Matcher::find).findFirst()
                    .orElseThrow(() -> new AssertionError("it never listened:\n" + dump()));
            return Integer.parseInt(m.group(1));
        }

        void signal(String name) throws Exception {
            new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        }

        int exitCode() throws Exception {
            assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("it ends:\n" + dump()).isTrue();
            for (Thread t : readers) {
                t.join(WAIT.toMillis());
            }
            return process.exitValue();
        }

        String dump() {
            return "stdout:\n" + String.join("\n", out) + "\nstderr:\n" + String.join("\n", err);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static void post(int port) {
        try (TestDevice device = TestDevice.of("coaps://127.0.0.1:" + port,
                new org.eclipse.californium.scandium.dtls.PskPublicInformation("demoProduct,dev01,2,60"),
                PskKeys.derive("demo-device-secret-01"))) {
            CoapResponse r = device.post("/topic/sys/demoProduct/dev01/thing/measurepoint/post", UPLINK);
            assertThat(r).isNotNull();
            assertThat(r.getCode().toString()).isEqualTo("2.04");
        }
    }

    /** Whether this process (and so its children) ignores SIGINT, as background jobs of a shell without job control do. */
    private static boolean sigintIgnored(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    @Test
    void ctrlCStopsItCleanlyWithExitCode0() throws Exception {
        try (Child child = new Child(Map.of(), "--port", "0", "--bind", "127.0.0.1")) {
            Assumptions.assumeFalse(sigintIgnored(child.process.pid()),
                    "this JVM was started with SIGINT ignored (a background job without job control), so its children ignore it");
            post(child.port());
            Await.until(WAIT, () -> child.out.stream().anyMatch(l -> l.contains("request POST")), child::dump);

            child.signal("INT");

            assertThat(child.exitCode()).as(child.dump()).isEqualTo(MockServerCommand.EXIT_OK);
            assertThat(child.out).last().isEqualTo("stopped");
            assertThat(child.out).anySatisfy(l -> assertThat(l).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  handshake ACCEPTED "
                    + "peer=127\\.0\\.0\\.1:\\d+ identity='demoProduct,dev01,2,60' suite=TLS_PSK_WITH_AES_128_CCM_8 .*"));
            assertThat(child.out).anySatisfy(l -> assertThat(l).contains("INFO  request POST /topic/sys/demoProduct/dev01/thing/measurepoint/post -> 2.04"));
            assertThat(child.err).isEmpty();
            assertThat(child.dump()).doesNotContain("demo-device-secret-01").doesNotContain(PskKeys.deriveHex("demo-device-secret-01"));
        }
    }

    @Test
    void sigtermStopsItCleanlyWithExitCode0AndJsonLogsAreJson() throws Exception {
        try (Child child = new Child(Map.of("ENOS_LOG_FORMAT", "json"), "--port", "0", "--bind", "127.0.0.1", "--verbose",
                "--admin-port", "0")) {
            post(child.port());
            Pattern admin = Pattern.compile("admin API on http:\\\\?/\\\\?/127\\.0\\.0\\.1:(\\d+)");
            Matcher m = child.out.stream().map(admin::matcher).filter(Matcher::find).findFirst()
                    .orElseThrow(() -> new AssertionError(child.dump()));
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + m.group(1) + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            // JSON escapes '/' as '\/'.
            Await.until(WAIT, () -> child.out.stream().anyMatch(l -> l.contains("admin GET \\/health")), child::dump);

            child.signal("TERM");

            assertThat(child.exitCode()).as(child.dump()).isEqualTo(MockServerCommand.EXIT_OK);
            List<JsonNode> lines = new ArrayList<>();
            for (String line : child.out) {
                lines.add(JSON.readTree(line));
            }
            assertThat(lines).allSatisfy(n -> assertThat(n.has("timestamp") && n.has("level") && n.has("loggerName")
                    && n.has("formattedMessage")).as(n.toString()).isTrue());
            assertThat(lines).anySatisfy(n -> {
                assertThat(n.path("loggerName").asText()).isEqualTo("dev.enoscoap.mock.journal");
                assertThat(n.path("formattedMessage").asText()).startsWith("handshake ACCEPTED");
            });
            assertThat(lines).anySatisfy(n -> {
                assertThat(n.path("level").asText()).isEqualTo("DEBUG");
                assertThat(n.path("formattedMessage").asText()).startsWith("admin GET /health -> 200");
            });
            assertThat(lines.get(lines.size() - 1).path("formattedMessage").asText()).isEqualTo("stopped");
            assertThat(child.err).isEmpty();
        }
    }

    @Test
    void quietLogsNoLinePerRequest() throws Exception {
        try (Child child = new Child(Map.of(), "--port", "0", "--bind", "127.0.0.1", "--quiet")) {
            post(child.port());
            child.signal("TERM");

            assertThat(child.exitCode()).as(child.dump()).isEqualTo(MockServerCommand.EXIT_OK);
            assertThat(child.out).anySatisfy(l -> assertThat(l).contains("EnOS CoAP mock listening on"));
            assertThat(child.out).noneSatisfy(l -> assertThat(l).contains("handshake"));
            assertThat(child.out).noneSatisfy(l -> assertThat(l).contains("request POST"));
        }
    }

    @Test
    void aTakenPortExitsWith1InOneLine() throws Exception {
        try (EnosMockServer holder = EnosMockServer.builder().start();
                Child child = new Child(Map.of(), "--port", Integer.toString(holder.port()), "--bind", "127.0.0.1")) {
            assertThat(child.exitCode()).as(child.dump()).isEqualTo(MockServerCommand.EXIT_START);
            assertThat(child.err).containsExactly("UDP port " + holder.port() + " on 127.0.0.1 is in use (another mock or "
                    + "CoAP server?): stop it, or pick another port with --port (0 picks a free one)");
            assertThat(child.out).noneSatisfy(l -> assertThat(l).contains("listening"));
            assertThat(child.out).noneSatisfy(l -> assertThat(l).containsIgnoringCase("exception"));
        }
    }
}
