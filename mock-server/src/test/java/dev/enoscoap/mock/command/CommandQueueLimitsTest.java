package dev.enoscoap.mock.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.enoscoap.mock.journal.DropReport;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.session.VirtualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandQueueLimitsTest {
    private final VirtualClock clock = new VirtualClock();
    private final Journal journal = new Journal(100, clock);
    private final DropReport drops = new DropReport(journal, clock, Duration.ofSeconds(10));
    private final DeviceId a = new DeviceId("pk", "a");
    private final DeviceId b = new DeviceId("pk", "b");

    @Test
    void openCommandsAreBoundedPerDeviceAndInAll() {
        CommandQueue queue = new CommandQueue(clock, 3, 5, drops);
        for (int i = 0; i < 3; i++) {
            queue.send(a, Command.setMeasurePoints(Map.of("x", i)));
        }
        assertThatThrownBy(() -> queue.send(a, Command.setMeasurePoints(Map.of("x", 9))))
                .isInstanceOf(CommandQueueFullException.class).hasMessageContaining("limit commands=3")
                .hasMessageContaining("pk/a");
        queue.send(b, Command.setMeasurePoints(Map.of("x", 1)));
        queue.send(b, Command.setMeasurePoints(Map.of("x", 2)));
        assertThatThrownBy(() -> queue.send(b, Command.setMeasurePoints(Map.of("x", 3))))
                .isInstanceOf(CommandQueueFullException.class).hasMessageContaining("limit commands-total=5");
        assertThat(drops.totals()).containsEntry("commands", 1L).containsEntry("commands-total", 1L);
        // Answered or expired commands make room again.
        clock.advance(Duration.ofMinutes(10));
        queue.expire();
        assertThat(queue.openCount()).isZero();
        queue.send(a, Command.setMeasurePoints(Map.of("x", 1)));
        assertThat(queue.openCount()).isEqualTo(1);
    }
}
