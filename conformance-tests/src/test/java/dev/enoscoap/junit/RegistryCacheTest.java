package dev.enoscoap.junit;

import static dev.enoscoap.junit.EnosAssertions.assertThat;
import static dev.enoscoap.junit.EnosAssertions.assertThatThrownBy;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.registry.RegistryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry files are read once per run, yet every server gets a registry of its own, and a changed file is read again. */
class RegistryCacheTest {
    private static final String ONE_DEVICE = """
            {"products": [{"productKey": "pk", "productSecret": "ps", "dynamicActivation": true,
              "devices": [{"deviceKey": "a"}]}]}""";
    private static final String TWO_DEVICES = """
            {"products": [{"productKey": "pk", "productSecret": "ps", "dynamicActivation": true,
              "devices": [{"deviceKey": "a"}, {"deviceKey": "b", "deviceSecret": "secret-b"}]}]}""";

    private final RegistryCache cache = new RegistryCache();

    @Test
    void eachLoadIsARegistryOfItsOwnWithTheSourceNamedAsTheMockNamesIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("devices.json"), ONE_DEVICE);
        Registry first = cache.load(file.toString());
        Registry second = cache.load(file.toString());

        first.activate(new DeviceId("pk", "a"), () -> "given", () -> "asset");
        assertThat(first.device(new DeviceId("pk", "a"))).get().satisfies(d -> assertThat(d.activated()).isTrue());
        assertThat(second.device(new DeviceId("pk", "a"))).get().satisfies(d -> assertThat(d.activated()).isFalse());
        assertThat(first.source()).isEqualTo(file.toString()).isEqualTo(Registry.load(file).source());

        Registry demo = cache.load("classpath:/" + Registry.DEMO_RESOURCE);
        assertThat(demo.source()).isEqualTo(EnosCoapServer.DEMO_REGISTRY);
        assertThat(demo).isNotSameAs(cache.load(EnosCoapServer.DEMO_REGISTRY));
        assertThat(demo.devices()).isEqualTo(Registry.demo().devices());
    }

    @Test
    void aFileThatChangedIsReadAgain(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("devices.json"), ONE_DEVICE);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(cache.load(file.toString()).devices()).hasSize(1);

        Files.writeString(file, TWO_DEVICES);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:01:00Z")));
        assertThat(cache.load(file.toString()).devices()).hasSize(2);
    }

    @Test
    void whatCannotBeReadFailsAsTheMockWouldSayIt(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> cache.load("classpath:no-such-registry.json")).isInstanceOf(RegistryException.class)
                .hasMessage("registry classpath:no-such-registry.json: no such resource on the classpath");
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> cache.load(missing.toString())).isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("registry " + missing + ": cannot be read");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"products\": [");
        assertThatThrownBy(() -> cache.load(broken.toString())).isInstanceOf(RegistryException.class)
                .hasMessageContaining("not valid JSON");
    }
}
