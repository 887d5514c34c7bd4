package dev.enoscoap.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.conformance.device.DeviceBehaviour;
import dev.enoscoap.conformance.device.ReferenceDevice;
import dev.enoscoap.mock.protocol.DeviceId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code observe}: bad input is exit 2 with nothing started; a device is judged and the gate is the exit code. */
class ObserveCommandTest {
    private static final Pattern LISTENING = Pattern.compile("mock listening on coaps://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ConformanceRunner.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    private static long observeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("enos-observe-")).count();
    }

    @Test
    void aDeviceNotInTheRegistryIsExit2NamingItAndNothingStarts() {
        long before = observeThreads();
        assertThat(run("observe", "--device", "demoProduct/nope", "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--device: device 'demoProduct/nope' is not in registry "
                + "classpath:enos-fixtures/registry/demo.json: a session judges registered devices (EC-4)");
        assertThat(out.toString()).doesNotContain("listening");
        assertThat(observeThreads()).isEqualTo(before);
    }

    @Test
    void aMalformedPlanIsExit2NamingTheFileTheLocationAndTheRule() throws Exception {
        Path plan = dir.resolve("plan.json");
        Files.writeString(plan, "{\"stages\": [{\"name\": \"x\", \"stimulus\": {\"type\": \"none\"}, \"timeoutSeconds\": 0, "
                + "\"purposes\": [\"ENOS-BASE-01\"]}]}");
        assertThat(run("observe", "--device", "demoProduct/dev01", "--plan", plan.toString(), "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--plan: " + plan.toAbsolutePath() + ": /stages/0/timeoutSeconds: must be a "
                + "whole number of seconds, 1..3600, was 0");
        assertThat(out.toString()).doesNotContain("listening");
    }

    @Test
    void otherBadInputIsExit2() {
        assertThat(run("observe", "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("name the device to judge");
        assertThat(run("observe", "--device", "demoProduct/dev01", "--device", "demoProduct/dev01")).isEqualTo(2);
        assertThat(err.toString()).contains("device 'demoProduct/dev01' is given twice");
        assertThat(run("observe", "--device", "demoProduct/dev01", "--purposes", "ENOS-LT-01")).isEqualTo(2);
        assertThat(err.toString()).contains("--purposes: plan 'default'", "does not judge ENOS-LT-01");
        assertThat(run("observe", "--device", "demoProduct/dev01", "--capabilities", "TELEPATHY")).isEqualTo(2);
        assertThat(err.toString()).contains("--capabilities: unknown capability 'TELEPATHY'");
        assertThat(run("observe", "--device", "noslash")).isEqualTo(2);
        assertThat(err.toString()).contains("--device: 'noslash' is not a device: expected productKey/deviceKey");
    }

    @Test
    void aPortInUseIsExit2AndNothingIsJudged() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = taken.getLocalPort();
            assertThat(run("observe", "--device", "demoProduct/dev01", "--bind", "127.0.0.1", "--port",
                    Integer.toString(port))).isEqualTo(2);
            assertThat(err.toString()).contains("UDP port " + port + " on 127.0.0.1 is in use", "nothing was started");
        }
    }

    /** Starts {@code observe} on a free port, then the device once the mock listens; returns the exit code. */
    private int observeWithDevice(DeviceId device, String secret, DeviceBehaviour behaviour, String... more)
            throws Exception {
        String[] args = new String[more.length + 7];
        System.arraycopy(new String[] {"observe", "--device", device.toString(), "--bind", "127.0.0.1", "--port", "0"},
                0, args, 0, 7);
        System.arraycopy(more, 0, args, 7, more.length);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(args));
        Matcher m = LISTENING.matcher("");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(m = LISTENING.matcher(out.toString())).find()) {
            assertThat(System.nanoTime()).as("the mock listens; out: %s err: %s", out, err).isLessThan(until);
            assertThat(exit).as("observe ended early; out: %s err: %s", out, err).isNotDone();
            Thread.sleep(20);
        }
        ReferenceDevice d = ReferenceDevice.builder().server(URI.create("coaps://127.0.0.1:" + m.group(1)))
                .device(device).deviceSecret(secret).behaviour(behaviour).start();
        try {
            return exit.get(3, TimeUnit.MINUTES);
        } finally {
            d.close();
        }
    }

    @Test
    void aConformantDeviceIsJudgedLineByLineAndPassesWithExit0() throws Exception {
        Path reports = dir.resolve("reports");
        int exit = observeWithDevice(DeviceId.parse("demoProduct/dev01"), "demo-device-secret-01",
                DeviceBehaviour.conformant(), "--purposes", "ENOS-COAP-01,ENOS-COAP-02,ENOS-ROB-01", "--report",
                reports.toString(), "--client-name", "acme-fw", "--client-version", "1.2.3");
        String text = out.toString();
        assertThat(exit).as("out: %s err: %s", text, err).isZero();
        assertThat(text).contains("observing [demoProduct/dev01] (plan default (", "live page: http://127.0.0.1:",
                        "/observe  (JSON: http://127.0.0.1:", "stage retransmission: up to 60 s for ENOS-ROB-01",
                        "stimulus (retransmission): drop the next confirmable request and its first retransmission",
                        "gate: PASSED (exit 0)")
                .containsPattern("\\[ ?\\d+/5] ENOS-ROB-01 +PASS +\\d+\\.\\d s")
                .containsPattern("\\[ ?\\d+/5] ENOS-COAP-02 +PASS ");
        JsonNode json = new ObjectMapper().readTree(reports.resolve("conformance-report.json").toFile());
        assertThat(json.at("/client/name").asText()).isEqualTo("acme-fw");
        assertThat(json.at("/client/version").asText()).isEqualTo("1.2.3");
        assertThat(json.at("/summary/gate").asText()).isEqualTo("PASSED");
        assertThat(json.get("suite").asText()).startsWith("observation of demoProduct/dev01 on coaps://127.0.0.1:");
        Set<String> judgedBy = new java.util.HashSet<>();
        json.get("purposes").forEach(p -> judgedBy.add(p.get("judgedBy").asText()));
        assertThat(judgedBy).containsExactly("observation");
        assertThat(reports.resolve("conformance-report.html")).exists();
        assertThat(reports.resolve("conformance-junit.xml")).exists();
    }

    @Test
    void aDeviceThatBreaksAMustPurposeFailsTheGateWithExit1AndTheRootCauseFirst() throws Exception {
        int exit = observeWithDevice(DeviceId.parse("demoProduct/dev02"), "demo-device-secret-02",
                DeviceBehaviour.conformant().toBuilder().name("non-confirmable").confirmable(false).build(),
                "--purposes", "ENOS-COAP-01", "--report", dir.resolve("r").toString(), "--time-limit", "120");
        assertThat(exit).as("out: %s err: %s", out, err).isEqualTo(1);
        assertThat(out.toString()).contains("FAILED: 1 MUST purpose failed on its own (ENOS-COAP-01)",
                "ENOS-COAP-01 · EC-1 · expected: every request CON (EC-1) · observed: NON POST", "gate: FAILED (exit 1)");
    }

    @Test
    void devicesWhoseDirectoryNamesClashGetTheirOwnDirectories() {
        Set<String> used = new java.util.HashSet<>();
        assertThat(ObserveCommand.directoryName(DeviceId.parse("p/a_b"), used)).isEqualTo("p_a_b");
        assertThat(ObserveCommand.directoryName(DeviceId.parse("p_a/b"), used)).isEqualTo("p_a_b-2");
        assertThat(ObserveCommand.directoryName(DeviceId.parse("p/a b"), used)).isEqualTo("p_a_b-3");
        assertThat(ObserveCommand.directoryName(DeviceId.parse("demoProduct/dev01"), used)).isEqualTo("demoProduct_dev01");
    }

    /** Ctrl-C ends a session early: the reports are written and the exit code is the gate's, not the signal's 130. */
    @Test
    void ctrlCWritesTheReportsAndExitsWithTheGatesCode() throws Exception {
        Path reports = dir.resolve("stopped");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ConformanceRunner.class.getName(), "observe", "--device",
                "demoProduct/dev01", "--bind", "127.0.0.1", "--port", "0", "--admin-port", "0", "--report",
                reports.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        Process child = pb.start();
        try {
            Assumptions.assumeFalse(sigintIgnored(child.pid()),
                    "this JVM was started with SIGINT ignored (a background job without job control), so its children ignore it");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(dir.resolve("out.txt")).contains("stage connect:")) {
                assertThat(child.isAlive()).as("observe runs: %s", Files.readString(dir.resolve("out.txt"))).isTrue();
                assertThat(System.nanoTime()).as("the session starts").isLessThan(until);
                Thread.sleep(50);
            }

            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);

            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("it stops").isTrue();
            String text = Files.readString(dir.resolve("out.txt"));
            assertThat(child.exitValue()).as(text).isEqualTo(ConformanceRunner.EXIT_FAILED);
            assertThat(text).contains("FAILED: 2 MUST purposes were inconclusive on their own (ENOS-BASE-01, ENOS-DTLS-04)",
                    "gate: FAILED (exit 1)");
            JsonNode json = new ObjectMapper().readTree(reports.resolve("conformance-report.json").toFile());
            assertThat(json.at("/summary/gate").asText()).isEqualTo("FAILED");
            assertThat(json.get("purposes")).isNotEmpty().allSatisfy(p -> assertThat(p.get("verdict").asText())
                    .as("%s", p).isIn("INCONCLUSIVE", "NOT_APPLICABLE"));
        } finally {
            child.destroyForcibly();
        }
    }

    /** Whether a process ignores SIGINT, as the children of a background job without job control do. */
    private static boolean sigintIgnored(long pid) throws java.io.IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        for (String line : Files.isReadable(status) ? Files.readAllLines(status) : java.util.List.<String>of()) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }
}
