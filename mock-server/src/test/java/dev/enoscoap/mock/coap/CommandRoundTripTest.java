package dev.enoscoap.mock.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.command.Command;
import dev.enoscoap.mock.command.CommandExpiredException;
import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.command.CommandReply;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.session.VirtualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EC-12: option 2100 announces a command, GET fetches it, POST on _reply answers it. */
class CommandRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeviceId DEV01 = new DeviceId("demoProduct", "dev01");
    private static final String UPLINK = "/topic/sys/demoProduct/dev01/thing/measurepoint/post";
    private static final String BODY = "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
            + "\"params\":{\"measurepoints\":{\"temp\":1}}}";

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-03-01T00:00:00Z"));
    private EnosMockServer server;
    private TestDevice device;

    @BeforeEach
    void start() {
        server = EnosMockServer.builder().clock(clock).start();
        device = TestDevice.of(server, "demoProduct,dev01,2,300", "demo-device-secret-01");
    }

    @AfterEach
    void stop() {
        device.close();
        server.close();
    }

    private static String option2100(CoapResponse response) {
        Option o = response.getOptions().getOtherOption(EnosOptions.COMMAND_TOPIC);
        return o == null ? null : o.getStringValue();
    }

    @Test
    void measurePointSetRoundTrip() throws IOException {
        CommandHandle handle = server.commands().send(DEV01, Command.setMeasurePoints(Map.of("switch", 1)));
        assertThat(handle.status()).isEqualTo(CommandHandle.Status.QUEUED);

        CoapResponse uplink = device.post(UPLINK, BODY);
        String topic = option2100(uplink);
        assertThat(topic).isEqualTo("/topic/sys/demoProduct/dev01/thing/service/measurepoint/set");

        CoapResponse fetched = device.get(topic);
        assertThat(fetched.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(option2100(fetched)).as("no more commands wait").isNull();
        JsonNode command = JSON.readTree(fetched.getPayload());
        assertThat(command.get("method").asText()).isEqualTo("thing.service.measurepoint.set");
        assertThat(command.get("params").get("switch").intValue()).isEqualTo(1);
        assertThat(command.get("version").asText()).isEqualTo("1.0");
        assertThat(handle.status()).isEqualTo(CommandHandle.Status.DELIVERED);

        CoapResponse ack = device.post(topic + "_reply", "{\"id\":\"" + command.get("id").asText()
                + "\",\"code\":200,\"data\":{}}");
        assertThat(ack.getCode()).isEqualTo(ResponseCode.CHANGED);

        CommandReply reply = handle.awaitReply(Duration.ofSeconds(5));
        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.succeeded()).isTrue();
        assertThat(handle.status()).isEqualTo(CommandHandle.Status.REPLIED);
        assertThat(server.journal().exchanges()).extracting(e -> e.commandTopic())
                .containsExactly(topic, null, null);
    }

    @Test
    void option2100RepeatsWhileMoreCommandsWait() throws IOException {
        CommandHandle first = server.commands().send(DEV01, Command.invokeService("reboot", Map.of("delay", 5)));
        CommandHandle second = server.commands().send(DEV01, Command.getMeasurePoints(List.of("temp")));

        CoapResponse uplink = device.post(UPLINK, BODY);
        assertThat(option2100(uplink)).isEqualTo(first.path()).endsWith("/thing/service/reboot");
        CoapResponse one = device.get(first.path());
        assertThat(JSON.readTree(one.getPayload()).get("method").asText()).isEqualTo("thing.service.reboot");
        assertThat(option2100(one)).isEqualTo(second.path());
        CoapResponse two = device.get(second.path());
        assertThat(JSON.readTree(two.getPayload()).get("params").get("measurepoints").get(0).asText()).isEqualTo("temp");
        assertThat(option2100(two)).isNull();

        device.post(second.path() + "_reply", "{\"id\":\"" + second.id() + "\",\"code\":200,\"data\":{\"temp\":3}}");
        assertThat(second.awaitReply(Duration.ofSeconds(5)).data().get("temp").intValue()).isEqualTo(3);
        assertThat(first.status()).isEqualTo(CommandHandle.Status.DELIVERED);
    }

    @Test
    void rawCommandRoundTrip() {
        CommandHandle handle = server.commands().send(DEV01, Command.downRaw(new byte[] {9, 8, 7}));
        device.post(UPLINK, BODY);
        CoapResponse fetched = device.get(handle.path());
        assertThat(fetched.getPayload()).containsExactly(9, 8, 7);
        Request reply = Request.newPost();
        reply.setPayload(new byte[] {1});
        device.send(reply, handle.path() + "_reply", null);
        assertThat(handle.awaitReply(Duration.ofSeconds(5)).raw()).containsExactly(1);
    }

    @Test
    void unansweredCommandExpiresOnTheServerClock() {
        CommandHandle handle = server.commands().send(DEV01, Command.setMeasurePoints(Map.of("a", 1)), Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertThat(handle.status()).isEqualTo(CommandHandle.Status.QUEUED);
        clock.advance(Duration.ofSeconds(1));
        assertThat(handle.status()).isEqualTo(CommandHandle.Status.EXPIRED);
        assertThatThrownBy(() -> handle.awaitReply(Duration.ofSeconds(1)))
                .isInstanceOf(CommandExpiredException.class).hasMessageContaining("never fetched");
        assertThat(option2100(device.post(UPLINK, BODY))).isNull();
    }

    @Test
    void fetchWithoutACommandAndReplyWithoutOneAreNotFound() {
        String path = "/topic/sys/demoProduct/dev01/thing/service/measurepoint/set";
        assertThat(device.get(path).getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(device.post(path + "_reply", "{\"id\":\"77\",\"code\":200}").getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(device.post(path, "{}").getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
    }
}
