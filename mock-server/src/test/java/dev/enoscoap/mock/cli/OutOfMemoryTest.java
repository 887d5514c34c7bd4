package dev.enoscoap.mock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.guard.StandaloneGuard;
import dev.enoscoap.mock.protocol.PskKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.junit.jupiter.api.Test;

/**
 * The standalone mock in a child JVM with a tiny heap and limits larger than the heap: devices
 * fill it with uplinks until it runs out. It must stop with a clear message and a non-zero exit,
 * never stay up answering nothing.
 */
class OutOfMemoryTest {

    @Test
    void runningOutOfHeapStopsTheProcessWithExitCode3() throws Exception {
        try (Standalone mock = Standalone.start(List.of("-Xmx32m", "-XX:-UseAdaptiveSizePolicy"),
                "--journal-capacity", "1000", "--limit", "history=10000000", "--limit", "total-bytes=4000000000",
                "--max-payload", "1400")) {
            int port = mock.awaitPort();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sent = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread sender = new Thread(() -> {
                    byte[] payload = new byte[1_200];
                    try (TestDevice device = TestDevice.of("coaps://127.0.0.1:" + port,
                            new PskPublicInformation("demoProduct,dev01,2,300"), PskKeys.derive("demo-device-secret-01"))) {
                        while (!stop.get() && mock.process.isAlive()) {
                            Request post = Request.newPost();
                            post.setPayload(payload);
                            if (device.send(post, "/topic/sys/demoProduct/dev01/thing/model/up_raw", null) != null) {
                                sent.incrementAndGet();
                            }
                        }
                    }
                });
                sender.start();
                senders.add(sender);
            }
            boolean exited = mock.process.waitFor(90, TimeUnit.SECONDS);
            stop.set(true);
            for (Thread s : senders) {
                s.join(10_000);
            }
            System.out.println("out of memory after " + sent.get() + " uplinks; exit " + (exited ? mock.process.exitValue()
                    : "none") + "; last lines:\n" + String.join("\n", mock.lines.subList(Math.max(0, mock.lines.size() - 3),
                    mock.lines.size())));
            assertThat(exited).as("the process stopped by itself:\n" + tail(mock)).isTrue();
            assertThat(mock.process.exitValue()).isEqualTo(StandaloneGuard.EXIT_FATAL);
            assertThat(mock.output()).contains("fatal: java.lang.OutOfMemoryError").contains("the mock stops");
        }
    }

    private static String tail(Standalone mock) {
        List<String> lines = mock.lines;
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
