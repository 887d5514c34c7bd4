package dev.enoscoap.mock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.enoscoap.mock.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone mock reloads its registry file on SIGHUP, and keeps the old one when the new one is bad. */
class HangupReloadTest {
    private static final String ONE = "{\"products\":[{\"productKey\":\"pk\",\"devices\":[{\"deviceKey\":\"a\",\"deviceSecret\":\"s\"}]}]}";
    private static final String TWO = "{\"products\":[{\"productKey\":\"pk\",\"devices\":[{\"deviceKey\":\"a\",\"deviceSecret\":\"s\"},"
            + "{\"deviceKey\":\"b\",\"deviceSecret\":\"t\"}]}]}";

    @Test
    void sighupReloadsTheRegistryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("registry.json");
        Files.writeString(file, ONE);
        try (Standalone mock = Standalone.start(List.of(), "--registry", file.toString(), "--no-registry-watch")) {
            mock.awaitPort();
            Files.writeString(file, TWO);
            hangup(mock);
            // The journal's line is written by the log's own thread, so it may follow the SIGHUP line.
            Await.until(Duration.ofSeconds(15), () -> mock.output().contains("SIGHUP: registry")
                    && mock.output().contains("server REGISTRY_RELOADED"), mock::output);
            assertThat(mock.output()).contains("SIGHUP: registry " + file + " reloaded: 1 products (was 1), 2 devices (was 1)")
                    .contains("server REGISTRY_RELOADED");
            Files.writeString(file, "{\"products\":[{\"productKey\":\"pk\",\"dynamicActivation\":true}]}");
            hangup(mock);
            Await.until(Duration.ofSeconds(15), () -> mock.output().contains("registry not reloaded")
                    && mock.output().contains("server REGISTRY_RELOAD_FAILED"), mock::output);
            assertThat(mock.output()).contains("the one in use is kept").contains("/products/0/productSecret")
                    .contains("server REGISTRY_RELOAD_FAILED");
            assertThat(mock.process.isAlive()).isTrue();
        }
    }

    private static void hangup(Standalone mock) throws Exception {
        assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(mock.process.pid())).start().waitFor(10, TimeUnit.SECONDS))
                .isTrue();
    }
}
