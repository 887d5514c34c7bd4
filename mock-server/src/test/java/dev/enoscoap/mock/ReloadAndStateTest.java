package dev.enoscoap.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.mock.command.Command;
import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.journal.ServerEvent;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.registry.RegistryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry reload (method and file watch), state across a restart of the library, auto-registration limit. */
class ReloadAndStateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeviceId NEW = new DeviceId("pk", "late");
    private static final DeviceId FRESH = new DeviceId("pk", "fresh");

    private static String registry(String extraDevice) {
        return "{\"products\":[{\"productKey\":\"pk\",\"productSecret\":\"ps\",\"dynamicActivation\":true,\"devices\":["
                + "{\"deviceKey\":\"fresh\"}" + extraDevice + "]}]}";
    }

    private static String activate(EnosMockServer server, String dk) throws Exception {
        try (TestDevice sm3 = TestDevice.of(server, "pk," + dk + ",3,60", "ps")) {
            CoapResponse r = sm3.get("/topic/ext/session/pk/" + dk + "/thing/activate/info");
            assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
            return JSON.readTree(r.getPayload()).get("params").get("deviceSecret").asText();
        }
    }

    @Test
    void reloadServesTheNewFileKeepsRuntimeActivationsAndKeepsTheOldRegistryWhenTheFileIsBad(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("registry.json");
        Files.writeString(file, registry(""));
        try (EnosMockServer server = EnosMockServer.builder().registry(file.toString()).start()) {
            String secret = activate(server, "fresh");
            Files.writeString(file, registry(",{\"deviceKey\":\"late\",\"deviceSecret\":\"late-secret\"}"));
            assertThat(server.reloadRegistry()).contains("2 devices (was 1)");
            try (TestDevice late = TestDevice.of(server, "pk,late,2,60", "late-secret");
                    TestDevice fresh = TestDevice.of(server, "pk,fresh,2,60", secret)) {
                assertThat(late.get("/topic/sys/pk/late/thing/x")).isNotNull();
                assertThat(fresh.get("/topic/sys/pk/fresh/thing/x")).as("the activated secret survives the reload").isNotNull();
            }
            Files.writeString(file, "{\"products\":[{\"productKey\":\"pk\",\"dynamicActivation\":true}]}");
            assertThatThrownBy(server::reloadRegistry).isInstanceOf(RegistryException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("/products/0/productSecret");
            assertThat(server.registry().device(NEW)).as("old registry kept").isPresent();
            assertThat(server.journal().entries(ServerEvent.class, e -> true)).extracting(ServerEvent::kind)
                    .containsExactly(ServerEvent.Kind.REGISTRY_RELOADED, ServerEvent.Kind.REGISTRY_RELOAD_FAILED);
        }
    }

    @Test
    void aWatchedRegistryFileIsReloadedWhenItIsReplaced(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("registry.json");
        Files.writeString(file, registry(""));
        try (EnosMockServer server = EnosMockServer.builder().registry(file.toString()).watchRegistry(true).start()) {
            Path edited = dir.resolve("registry.json.new");
            Files.writeString(edited, registry(",{\"deviceKey\":\"late\"}"));
            Files.move(edited, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Await.until(Duration.ofSeconds(15), () -> server.registry().device(NEW).isPresent(), server.journal()::dump);
        }
    }

    @Test
    void activationsAndOpenCommandsSurviveARestartWithTheSameStateDirectory(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("state");
        String secret;
        String commandId;
        try (EnosMockServer server = EnosMockServer.builder().registry(writeRegistry(dir)).stateDirectory(state).start()) {
            secret = activate(server, "fresh");
            CommandHandle command = server.commands().send(FRESH, Command.setMeasurePoints(Map.of("switch", 1)));
            commandId = command.id();
        }
        try (EnosMockServer server = EnosMockServer.builder().registry(writeRegistry(dir)).stateDirectory(state).start()) {
            assertThat(server.registry().device(FRESH)).get().satisfies(d -> {
                assertThat(d.deviceSecret()).isEqualTo(secret);
                assertThat(d.activated()).isTrue();
            });
            assertThat(server.commands().open(FRESH)).singleElement().satisfies(h -> assertThat(h.id()).isEqualTo(commandId));
            try (TestDevice device = TestDevice.of(server, "pk,fresh,2,60", secret)) {
                CoapResponse r = device.get("/topic/sys/pk/fresh/thing/x");
                assertThat(r.getOptions().getOthers()).anySatisfy(o -> assertThat(o.getNumber()).isEqualTo(2100));
                CoapResponse fetched = device.get("/topic/sys/pk/fresh/thing/service/measurepoint/set");
                assertThat(JSON.readTree(fetched.getPayload()).get("id").asText()).isEqualTo(commandId);
            }
            assertThat(server.commands().send(FRESH, Command.setMeasurePoints(Map.of("x", 2))).id())
                    .as("ids go on after the restored ones").isGreaterThan(commandId);
        }
    }

    @Test
    void autoRegistrationStopsAtItsLimitWithAJournaledReason() {
        try (EnosMockServer server = EnosMockServer.builder().autoRegister(true).autoRegisterLimit(2).start()) {
            for (int i = 0; i < 3; i++) {
                try (TestDevice device = TestDevice.of(server, "demoProduct,auto" + i + ",3,60", "demo-product-secret")) {
                    device.get("/topic/ext/session/demoProduct/auto" + i + "/thing/activate/info");
                }
            }
            assertThat(server.registry().autoRegisteredCount()).isEqualTo(2);
            assertThat(server.registry().device(new DeviceId("demoProduct", "auto2"))).isEmpty();
            assertThat(server.journal().handshakes(new DeviceId("demoProduct", "auto2"))).first().satisfies(h -> {
                assertThat(h.reason()).isEqualTo(RefusalReason.AUTO_REGISTRATION_LIMIT);
                assertThat(h.detail()).contains("limit auto-registered=2", "EC-5");
            });
        }
    }

    private static String writeRegistry(Path dir) throws Exception {
        Path file = dir.resolve("r.json");
        Files.writeString(file, registry(""));
        return file.toString();
    }
}
