package dev.enoscoap.conformance.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.conformance.report.ConformanceReport;
import dev.enoscoap.conformance.report.ConsoleReport;
import dev.enoscoap.conformance.report.Verdict;
import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.PskKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libcoap device of {@code fixtures/devices/libcoap-device.sh}, started once and left running,
 * judged by the default plan. What coap-client cannot do is not applicable, never a failure.
 */
class LibcoapDeviceObservationTest {
    static final String SCRIPT = "enos-fixtures/devices/libcoap-device.sh";
    static final String CLIENT = "coap-client-openssl";
    private static final DeviceId DEV03 = DeviceId.parse("demoProduct/dev03");

    /**
     * What the device deserves, and why: the purposes below are not applicable; every other one
     * passes.
     */
    static final Map<String, String> NOT_APPLICABLE = new LinkedHashMap<>();

    static {
        NOT_APPLICABLE.put("ENOS-ID-03", "dev03 is not an IMEI");
        NOT_APPLICABLE.put("ENOS-ROB-03", "every coap-client run is a new DTLS session, so SESSION_REUSE is not declared");
        NOT_APPLICABLE.put("ENOS-UP-04", "the script posts measure points only, not batches");
        NOT_APPLICABLE.put("ENOS-UP-05", "nor offline data");
        NOT_APPLICABLE.put("ENOS-UP-06", "nor events");
        NOT_APPLICABLE.put("ENOS-UP-07", "nor attributes");
    }

    @TempDir
    Path dir;

    /** Secrets whose derived key has no 0x00 byte, which coap-client 4.3.1 cannot take with -k. */
    static Supplier<String> secretsLibcoapCanUse() {
        SecureRandom random = new SecureRandom();
        return () -> {
            while (true) {
                String s = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                if (!PskKeys.hasZeroByte(PskKeys.derive(s))) {
                    return s;
                }
            }
        };
    }

    static void requireClient() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, CLIENT))) {
                return;
            }
        }
        String reason = CLIENT + " is not on the PATH; install Debian package libcoap3-bin";
        if (Boolean.getBoolean("interop.required") || "true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + " (interop.required=true, or CI=true, makes a missing peer an error)");
        }
        Assumptions.abort(reason);
    }

    /** The device script copied out of the fixtures jar. */
    static Path script(Path dir) throws IOException {
        Path script = dir.resolve("libcoap-device.sh");
        try (InputStream in = LibcoapDeviceObservationTest.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            Assertions.assertNotNull(in, SCRIPT + " is not on the classpath (fixtures jar)");
            Files.copy(in, script);
        }
        return script;
    }

    /** Stops the script and the coap-client it runs. */
    static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theLibcoapDeviceIsJudgedAndWhatCoapClientCannotDoIsNotApplicable() throws Exception {
        requireClient();
        Path script = script(dir);
        Path log = dir.resolve("device.log");
        long start = System.nanoTime();
        try (EnosMockServer mock = EnosMockServer.builder().secretGenerator(secretsLibcoapCanUse()).start();
             ObservationSession session = ObservationSession.builder().server(mock).device(DEV03)
                     .capabilities(Set.of(Capability.DOWNLINK)).client("libcoap-device.sh", "coap-client-openssl 4.3")
                     .timeLimit(Duration.ofMinutes(6)).start()) {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--host", mock.host(), "--port",
                    Integer.toString(mock.port()), "--product-key", "demoProduct", "--device-key", "dev03",
                    "--product-secret", "demo-product-secret", "--secret-file", dir.resolve("dev03.secret").toString(),
                    "--lifetime", "30", "--interval", "3").redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("LIBCOAP_WAIT", "15");
            Process device = pb.start();
            ConformanceReport report;
            try {
                report = session.awaitVerdicts(Duration.ofMinutes(6)).report();
            } finally {
                stop(device);
            }
            Map<String, Verdict> verdicts = new TreeMap<>();
            report.purposes().forEach(p -> verdicts.put(p.id(), p.verdict()));
            new ConsoleReport(false).summary(report).forEach(System.out::println);
            System.out.printf("libcoap device session: %.1f s; the device printed:%n%s%n", (System.nanoTime() - start) / 1e9,
                    Files.readString(log));
            assertThat(report.purposes()).as("no purpose fails or is inconclusive")
                    .allSatisfy(p -> assertThat(p.verdict()).as("%s: %s", p.id(), p.evidence())
                            .isIn(Verdict.PASS, Verdict.NOT_APPLICABLE));
            verdicts.forEach((id, v) -> assertThat(v).as(id).isEqualTo(NOT_APPLICABLE.containsKey(id)
                    ? Verdict.NOT_APPLICABLE : Verdict.PASS));
            assertThat(report.purpose("ENOS-COAP-02").orElseThrow().headline())
                    .contains("judged on one request per address only");
            assertThat(report.gatePassed()).isTrue();
            assertThat(List.copyOf(NOT_APPLICABLE.keySet())).hasSize(6);
        }
    }
}
