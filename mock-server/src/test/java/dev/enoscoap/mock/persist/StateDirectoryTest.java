package dev.enoscoap.mock.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enoscoap.mock.command.Command;
import dev.enoscoap.mock.command.CommandQueue;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.registry.Device;
import dev.enoscoap.mock.session.VirtualClock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {

    @Test
    void devicesAndCommandsComeBackAsWritten(@TempDir Path dir) {
        StateDirectory state = StateDirectory.open(dir);
        Device d = new Device(new DeviceId("pk", "dk"), "s3cret", "asset-1", true, true, Device.Origin.REGISTERED);
        state.writeDevices(List.of(d));
        VirtualClock clock = new VirtualClock();
        CommandQueue queue = new CommandQueue(clock);
        queue.send(new DeviceId("pk", "dk"), Command.setMeasurePoints(Map.of("switch", 1)), Duration.ofMinutes(9));
        queue.send(new DeviceId("pk", "dk"), Command.downRaw(new byte[] {1, 2, 3}));
        state.writeCommands(queue.allOpen());

        StateDirectory.Snapshot back = StateDirectory.open(dir).read();
        assertThat(back.devices()).containsExactly(d);
        assertThat(back.commands()).hasSize(2);
        assertThat(back.commands().get(0).command().params().get("switch").intValue()).isEqualTo(1);
        assertThat(back.commands().get(0).expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(9)));
        assertThat(back.commands().get(1).command().raw()).containsExactly(1, 2, 3);
        assertThat(back.commands().get(0).id()).isEqualTo(queue.allOpen().get(0).id());
    }

    @Test
    void anUnreadableFileStopsTheStartNamingIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(StateDirectory.DEVICES), "{\"format\":1,\"devices\":[{\"productKey\":");
        assertThatThrownBy(() -> StateDirectory.open(dir).read()).isInstanceOf(StateException.class)
                .hasMessageContaining(dir.resolve(StateDirectory.DEVICES).toString()).hasMessageContaining("move it away");
    }

    /**
     * A separate JVM rewrites the devices file as fast as it can and is killed with SIGKILL at a
     * random moment, again and again: every time, the file reads back whole, and a temporary file
     * left behind is cleaned up.
     */
    @Test
    void aProcessKilledWhileWritingNeverLeavesAnUnreadableFile(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random random = new Random(7);
        int lastCount = -1;
        for (int round = 0; round < 6; round++) {
            Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    StateWriterMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("writing");
                Thread.sleep(50 + random.nextInt(400));
                writer.destroyForcibly(); // SIGKILL
                assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(writer.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            StateDirectory.Snapshot back = StateDirectory.open(dir).read();
            List<Device> devices = back.devices();
            assertThat(devices).as("round " + round).isNotEmpty();
            for (int i = 0; i < devices.size(); i++) {
                assertThat(devices.get(i)).isEqualTo(StateWriterMain.device(i));
            }
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly(StateDirectory.DEVICES);
            }
            lastCount = devices.size();
        }
        System.out.println("devices in the last file read after SIGKILL: " + lastCount);
    }
}
