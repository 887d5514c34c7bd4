package dev.enoscoap.mock.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.enoscoap.mock.Fixtures;
import dev.enoscoap.mock.protocol.DeviceId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryTest {

    @Test
    void demoRegistryHasWhatTheDocsPromise() {
        Registry demo = Registry.demo();
        assertThat(demo.product("demoProduct")).get().satisfies(p -> {
            assertThat(p.dynamicActivation()).isTrue();
            assertThat(p.hasSecret()).isTrue();
        });
        assertThat(demo.product("closedProduct")).get().satisfies(p -> assertThat(p.dynamicActivation()).isFalse());
        assertThat(demo.device(new DeviceId("demoProduct", "dev01"))).get()
                .satisfies(d -> assertThat(d.deviceSecret()).isEqualTo("demo-device-secret-01"));
        assertThat(demo.device(new DeviceId("demoProduct", "dev03"))).get()
                .satisfies(d -> assertThat(d.hasSecret()).isFalse());
        assertThat(demo.products()).extracting(Product::productKey).containsExactly("demoProduct", "closedProduct");
    }

    static Stream<Arguments> badFiles() {
        List<Arguments> args = new ArrayList<>();
        for (JsonNode c : Fixtures.json("bad-inputs/registries/index.json").get("cases")) {
            args.add(Arguments.of(c.get("file").asText(), c.get("location").asText(), c.get("rule").asText()));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileIsRefusedWithFileLocationAndRule(String file, String location, String rule) {
        String resource = "enos-fixtures/bad-inputs/registries/" + file;
        assertThatThrownBy(() -> Registry.fromClasspath(resource))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("classpath:" + resource)
                .hasMessageContaining(location)
                .hasMessageContaining(rule);
    }

    @Test
    void fileErrorNamesThePath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("devices.json");
        Files.writeString(file, "{\"products\": [{\"productKey\": 7}]}");
        assertThatThrownBy(() -> Registry.load(file))
                .hasMessage("registry " + file + " at /products/0/productKey: \"productKey\" is required and must be "
                        + "a non-empty string (EC-3)");
        assertThatThrownBy(() -> Registry.load(dir.resolve("missing.json")))
                .hasMessageContaining("missing.json").hasMessageContaining("cannot be read");
    }

    @Test
    void missingClasspathResourceIsNamed() {
        assertThatThrownBy(() -> Registry.fromLocation("classpath:nope.json"))
                .hasMessage("registry classpath:nope.json: no such resource on the classpath");
    }

    @Test
    void activationGivesASecretOnceAndKeepsIt() {
        Registry r = Registry.read("test", json("{\"products\":[{\"productKey\":\"pk\",\"productSecret\":\"ps\","
                + "\"dynamicActivation\":true,\"devices\":[{\"deviceKey\":\"dk\"}]}]}"));
        DeviceId id = new DeviceId("pk", "dk");
        Device first = r.activate(id, () -> "s1", () -> "a1");
        Device second = r.activate(id, () -> "s2", () -> "a2");
        assertThat(first.deviceSecret()).isEqualTo("s1");
        assertThat(first.assetId()).isEqualTo("a1");
        assertThat(first.activated()).isTrue();
        assertThat(second.deviceSecret()).isEqualTo("s1");
        assertThat(second.assetId()).isEqualTo("a1");
    }

    @Test
    void registerNeedsAKnownProduct() {
        Registry r = Registry.demo();
        assertThat(r.register(new DeviceId("demoProduct", "new-one"), "sec", null).hasSecret()).isTrue();
        assertThat(r.device(new DeviceId("demoProduct", "new-one"))).isPresent();
        assertThatThrownBy(() -> r.register(new DeviceId("nope", "x"), null, null))
                .hasMessageContaining("product 'nope' is not in registry");
    }

    @Test
    void toStringNeverShowsSecrets() {
        Registry r = Registry.demo();
        assertThat(r.devices().toString() + r.products()).doesNotContain("demo-device-secret", "demo-product-secret");
    }

    private static ByteArrayInputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
