package dev.enoscoap.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.conformance.spi.ClientFailure;
import dev.enoscoap.conformance.spi.ClientInfo;
import dev.enoscoap.conformance.spi.ConnectionSpec;
import dev.enoscoap.conformance.spi.NotSupported;
import dev.enoscoap.conformance.spi.PublishResult;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.PskKeys;
import dev.enoscoap.mock.protocol.SecureMode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shim contract, with small bash programs standing in for clients. */
class CommandLineAdapterTest {
    private static final ConnectionSpec SPEC = new ConnectionSpec(URI.create("coaps://127.0.0.1:40001"), "pk", "dk",
            SecureMode.DEVICE_SECRET, "demo-device-secret-01", 120, List.of(EnosCipherSuite.CCM_8, EnosCipherSuite.CBC_SHA256));
    private static final ClientInfo INFO = new ClientInfo("fake", "1", Set.of(Capability.SECURE_MODE_2));

    @TempDir
    Path dir;

    private CommandLineAdapter adapter(String script, Duration timeout) throws IOException {
        Path file = dir.resolve("client.sh");
        Files.writeString(file, script);
        return new CommandLineAdapter("bash " + file + " {action} {host} {port} {identity} {keyHex} {suites} {topic} "
                + "{payload} {uri} {secureMode} {lifetime}", INFO, timeout);
    }

    private CommandLineAdapter adapter(String script) throws IOException {
        return adapter(script, Duration.ofSeconds(10));
    }

    @Test
    void placeholdersAndEnvironmentCarryTheCall() throws Exception {
        Path seen = dir.resolve("seen");
        try (CommandLineAdapter a = adapter("printf '%s\\n' \"$@\" \"$ENOS_PRODUCT_KEY\" \"$ENOS_KEY_HEX\" > " + seen
                + "\necho coapCode=2.04\necho replyCode=200\n")) {
            Map<String, Object> points = new LinkedHashMap<>();
            points.put("temp", 21.5);
            points.put("count", 1);

            PublishResult result = a.reportMeasurePoints(SPEC, points);

            assertThat(result).isEqualTo(new PublishResult("2.04", 200));
        }
        assertThat(Files.readAllLines(seen)).containsExactly("report", "127.0.0.1", "40001", "pk,dk,2,120",
                PskKeys.deriveHex("demo-device-secret-01"), "TLS_PSK_WITH_AES_128_CCM_8,TLS_PSK_WITH_AES_128_CBC_SHA256",
                "/topic/sys/pk/dk/thing/measurepoint/post", "{\"temp\":21.5,\"count\":1}", "coaps://127.0.0.1:40001",
                "2", "120", "pk", PskKeys.deriveHex("demo-device-secret-01"));
    }

    @Test
    void activateReturnsTheDeviceSecretLine() throws Exception {
        try (CommandLineAdapter a = adapter("echo 'handshake ok'\necho deviceSecret=s3cr=t\n")) {
            assertThat(a.activate(SPEC.with(SecureMode.PRODUCT_SECRET, "product-secret"))).isEqualTo("s3cr=t");
        }
    }

    @Test
    void activateWithoutTheSecretLineIsAFailure() throws Exception {
        try (CommandLineAdapter a = adapter("echo done\n")) {
            assertThatThrownBy(() -> a.activate(SPEC)).isInstanceOf(ClientFailure.class)
                    .hasMessageContaining("printed no deviceSecret= line").hasMessageContaining("done");
        }
    }

    @Test
    void reservedExitCodeIsNotSupported() throws Exception {
        try (CommandLineAdapter a = adapter("echo 'no downlink here' >&2\nexit 3\n")) {
            assertThatThrownBy(() -> a.answerCommands(SPEC)).isInstanceOf(NotSupported.class)
                    .hasMessage("the client does not implement 'commands' (exit 3): no downlink here");
        }
    }

    @Test
    void otherExitCodeIsAFailureWithTheExitCodeAndStderr() throws Exception {
        try (CommandLineAdapter a = adapter("for i in $(seq 1 20); do echo \"line $i\" >&2; done\nexit 7\n")) {
            assertThatThrownBy(() -> a.connect(SPEC)).isInstanceOf(ClientFailure.class)
                    .hasMessageStartingWith("connect: the client exited with 7: line 20\nstderr (last lines):\nline 9\n")
                    .hasMessageEndingWith("line 9\nline 10\nline 11\nline 12\nline 13\nline 14\nline 15\nline 16\nline 17\n"
                            + "line 18\nline 19\nline 20")
                    .hasMessageNotContaining("line 8\n");
        }
    }

    @Test
    void errorCodesInAReportAreAFailure() throws Exception {
        try (CommandLineAdapter a = adapter("echo coapCode=2.04\necho replyCode=1220\n")) {
            assertThatThrownBy(() -> a.reportMeasurePoints(SPEC, Map.of("t", 1))).isInstanceOf(ClientFailure.class)
                    .hasMessage("report: the client saw coapCode=2.04 replyCode=1220");
        }
    }

    @Test
    void commandsListsTheAnsweredIds() throws Exception {
        try (CommandLineAdapter a = adapter("echo answered=11\necho noise\necho answered=12\n")) {
            assertThat(a.answerCommands(SPEC)).containsExactly("11", "12");
        }
    }

    @Test
    void aCallOverTheTimeLimitIsStoppedWithItsChildren() throws Exception {
        Path pid = dir.resolve("child.pid");
        try (CommandLineAdapter a = adapter("sleep 60 &\necho $! > " + pid + "\necho started >&2\nwait\n",
                Duration.ofMillis(1500))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> a.connect(SPEC)).isInstanceOf(ClientFailure.class)
                    .hasMessageContaining("did not finish within 1 s and was stopped").hasMessageContaining("started");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(awaitDeadOrZombie(Long.parseLong(Files.readString(pid).strip()))).as("child sleep dead").isTrue();
    }

    @Test
    void aDoubleForkedChildDiesWithTheCall() throws Exception {
        Path pid = dir.resolve("grandchild.pid");
        // The grandchild leaves its parent at once, so it is no descendant of the call any more.
        try (CommandLineAdapter a = adapter("( sleep 60 & echo $! > " + pid + " ) &\nwait\nsleep 60\n",
                Duration.ofMillis(1500))) {
            assertThatThrownBy(() -> a.connect(SPEC)).isInstanceOf(ClientFailure.class)
                    .hasMessageContaining("was stopped with the processes it started");
        }
        long grandchild = Long.parseLong(Files.readString(pid).strip());
        assertThat(awaitDeadOrZombie(grandchild)).as("orphaned grandchild %d dead", grandchild).isTrue();
    }

    @Test
    void stderrIsBoundedAndControlCharactersAreEscaped() throws Exception {
        try (CommandLineAdapter a = adapter("head -c 20000 /dev/zero | tr '\\0' x >&2\necho >&2\n"
                + "printf 'bell\\a esc\\033[31m tab\\t end\\n' >&2\nexit 1\n")) {
            assertThatThrownBy(() -> a.connect(SPEC)).isInstanceOf(ClientFailure.class)
                    .satisfies(e -> {
                        assertThat(e.getMessage()).hasSizeLessThan(2_000).contains("…(20000 chars)")
                                .contains("bell\\x07 esc\\x1b[31m tab\\t end").doesNotContain("\u0007", "\u001b");
                    });
        }
    }

    @Test
    void valuesPrintedBeforeAFailureAreKept() throws Exception {
        try (CommandLineAdapter a = adapter("echo deviceSecret=s3cret\necho 'reconnect failed' >&2\nexit 1\n")) {
            assertThatThrownBy(() -> a.activate(SPEC.with(SecureMode.PRODUCT_SECRET, "p")))
                    .isInstanceOfSatisfying(ClientFailure.class,
                            e -> assertThat(e.reported("deviceSecret")).contains("s3cret"));
        }
    }

    @Test
    void aReportWithACountSendsThemInOneCall() throws Exception {
        try (CommandLineAdapter a = adapter("for i in $(seq 1 \"$ENOS_COUNT\"); do echo coapCode=2.04; echo replyCode=200; done\n")) {
            assertThat(a.reportMeasurePoints(SPEC, Map.of("t", 1), 3)).hasSize(3)
                    .containsOnly(new PublishResult("2.04", 200));
        }
    }

    /** Waits up to 5 s (a killed process needs a moment to be gone) for {@link #deadOrZombie}. */
    static boolean awaitDeadOrZombie(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!deadOrZombie(pid) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return deadOrZombie(pid);
    }

    /** Dead, or a zombie that nobody reaped yet (which {@link ProcessHandle#isAlive()} still calls alive). */
    static boolean deadOrZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void aProgramThatCannotStartIsAFailure() {
        CommandLineAdapter a = new CommandLineAdapter(dir.resolve("missing-client") + " {action}", INFO,
                Duration.ofSeconds(5));
        assertThatThrownBy(() -> a.connect(SPEC)).isInstanceOf(ClientFailure.class)
                .hasMessageContaining("connect: cannot start");
    }

    @Test
    void environmentNamesFollowThePlaceholders() {
        assertThat(CommandLineAdapter.envName("productKey")).isEqualTo("ENOS_PRODUCT_KEY");
        assertThat(CommandLineAdapter.envName("keyHex")).isEqualTo("ENOS_KEY_HEX");
        assertThat(CommandLineAdapter.envName("uri")).isEqualTo("ENOS_URI");
    }
}
