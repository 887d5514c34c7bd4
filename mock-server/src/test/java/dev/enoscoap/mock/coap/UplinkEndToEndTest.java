package dev.enoscoap.mock.coap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.data.DeviceData;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.protocol.DeviceId;
import java.io.IOException;
import java.time.Instant;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every EC-11 topic and every EC-13 code over real UDP with a Californium client. */
class UplinkEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SYS = "/topic/sys/demoProduct/dev01/";
    private static final DeviceId DEV01 = new DeviceId("demoProduct", "dev01");
    private static EnosMockServer server;
    private static TestDevice device;

    @BeforeAll
    static void start() {
        server = EnosMockServer.builder().maxPayloadBytes(4096).start();
        device = TestDevice.of(server, "demoProduct,dev01,2,300", "demo-device-secret-01");
    }

    @AfterAll
    static void stop() {
        device.close();
        server.close();
    }

    @BeforeEach
    void clear() {
        server.journal().clear();
    }

    private static String body(String id, String method, String params) {
        return "{\"id\":\"" + id + "\",\"version\":\"1.0\",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    private static JsonNode reply(CoapResponse response) throws IOException {
        assertThat(response.getOptions().getContentFormat()).isEqualTo(MediaTypeRegistry.APPLICATION_JSON);
        return JSON.readTree(response.getPayload());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "thing/measurepoint/post | thing.measurepoint.post | {\"measurepoints\":{\"temp\":21.5},\"time\":1700000000000}",
        "thing/measurepoint/post/batch | thing.measurepoint.post.batch | [{\"measurepoints\":{\"temp\":20}},{\"deviceKey\":\"dev01\",\"measurepoints\":{\"temp\":19}}]",
        "thing/measurepoint/resume | thing.measurepoint.resume | {\"measurepoints\":{\"temp\":18},\"time\":1600000000000}",
        "thing/measurepoint/resume/batch | thing.measurepoint.resume.batch | [{\"measurepoints\":{\"temp\":17},\"time\":1600000001000}]",
        "thing/event/overheat/post | thing.event.overheat.post | {\"events\":{\"level\":3}}",
        "thing/attribute/update | thing.attribute.update | {\"attributes\":{\"model\":\"X1\"}}",
        "thing/attribute/query | thing.attribute.query | {\"attributes\":[\"model\"]}",
        "thing/attribute/delete | thing.attribute.delete | {\"attributes\":[\"nothing\"]}"})
    void everyUplinkTopicIsAcceptedWithTheEnosReply(String topic, String method, String params) throws IOException {
        CoapResponse response = device.post(SYS + topic, body("m-1", method, params));

        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        JsonNode reply = reply(response);
        assertThat(reply.get("id").asText()).isEqualTo("m-1");
        assertThat(reply.get("code").intValue()).isEqualTo(200);
        assertThat(reply.get("data").isObject()).isTrue();
        ExchangeEntry e = server.journal().exchanges().get(0);
        assertThat(e.enosMethod()).isEqualTo(method);
        assertThat(e.replyCode()).isEqualTo(200);
        assertThat(e.responseCode()).isEqualTo("2.04");
    }

    @Test
    void rawUplinkIsAcceptedAndKept() {
        Request post = Request.newPost();
        post.setPayload(new byte[] {1, 2, 3, (byte) 0xfe});
        post.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
        CoapResponse response = device.send(post, SYS + "thing/model/up_raw", null);

        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        assertThat(server.deviceData(DEV01).history()).last()
                .satisfies(r -> assertThat(r.raw()).containsExactly(1, 2, 3, 0xfe));
    }

    @Test
    void reportedValuesAreQueryable() throws IOException {
        device.post(SYS + "thing/measurepoint/post", body("1", "thing.measurepoint.post",
                "{\"measurepoints\":{\"temp\":21.5,\"door\":{\"value\":\"open\",\"quality\":9}},\"time\":1700000000000}"));
        device.post(SYS + "thing/event/alarm/post", body("2", "thing.event.alarm.post", "{\"events\":{\"code\":7}}"));
        device.post(SYS + "thing/attribute/update", body("3", "thing.attribute.update", "{\"attributes\":{\"fw\":\"1.2\"}}"));
        CoapResponse query = device.post(SYS + "thing/attribute/query", body("4", "thing.attribute.query",
                "{\"attributes\":[\"fw\"]}"));

        DeviceData data = server.deviceData(DEV01);
        assertThat(data.measurePoint("temp")).get().satisfies(mp -> {
            assertThat(mp.asDouble()).isEqualTo(21.5);
            assertThat(mp.time()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        });
        assertThat(data.measurePoint("door")).get().satisfies(mp -> {
            assertThat(mp.value().asText()).isEqualTo("open");
            assertThat(mp.quality()).isEqualTo(9);
        });
        assertThat(data.events("alarm")).singleElement().satisfies(e -> assertThat(e.values().get("code").intValue()).isEqualTo(7));
        assertThat(data.attribute("fw")).get().satisfies(v -> assertThat(v.asText()).isEqualTo("1.2"));
        assertThat(reply(query).get("data").get("attributes").get("fw").asText()).isEqualTo("1.2");
    }

    @Test
    void aBatchEntryOfAnotherDeviceIsRefusedWith1009AndNothingIsStored() throws IOException {
        CoapResponse response = device.post(SYS + "thing/measurepoint/post/batch", body("1", "thing.measurepoint.post.batch",
                "[{\"measurepoints\":{\"own\":1}},{\"deviceKey\":\"dev02\",\"measurepoints\":{\"humidity\":40}}]"));
        assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
        JsonNode reply = reply(response);
        assertThat(reply.get("code").intValue()).isEqualTo(1009);
        assertThat(reply.get("message").asText()).contains("batch entry 1", "demoProduct/dev02");
        assertThat(server.deviceData(new DeviceId("demoProduct", "dev02")).measurePoint("humidity")).isEmpty();
        assertThat(server.deviceData(new DeviceId("demoProduct", "dev01")).measurePoint("own")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed JSON | thing/measurepoint/post | {nope | 4.00 | 1220",
        "empty payload | thing/measurepoint/post | | 4.00 | 1251",
        "wrong method | thing/measurepoint/post | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.attribute.update\",\"params\":{\"measurepoints\":{}}} | 2.04 | 1260",
        "missing params member | thing/measurepoint/post | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{}} | 2.04 | 1220",
        "attribute format | thing/attribute/update | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.attribute.update\",\"params\":{\"attributes\":\"x\"}} | 2.04 | 1207"})
    void payloadProblemsAreAnsweredWithTheirCode(String name, String topic, String payload, String coap, int code)
            throws IOException {
        CoapResponse response = device.post(SYS + topic, payload == null ? "" : payload);

        assertThat(response.getCode().text).isEqualTo(coap);
        assertThat(reply(response).get("code").intValue()).isEqualTo(code);
        assertThat(reply(response).get("message").asText()).contains("EC-11");
        assertThat(server.journal().exchanges().get(0).replyCode()).isEqualTo(code);
    }

    @Test
    void tooLargeIs1008AndBlockwiseUploadsArrive() throws IOException {
        String pad = "x".repeat(2500);
        CoapResponse fits = device.post(SYS + "thing/measurepoint/post", body("b-1", "thing.measurepoint.post",
                "{\"measurepoints\":{\"blob\":\"" + pad + "\"}}"));
        CoapResponse tooLarge = device.post(SYS + "thing/measurepoint/post", body("b-2", "thing.measurepoint.post",
                "{\"measurepoints\":{\"blob\":\"" + pad + pad + "\"}}"));

        // Bodies over 1024 bytes exceed one message: the client sent them block-wise (RFC 7959).
        assertThat(reply(fits).get("code").intValue()).isEqualTo(200);
        assertThat(server.journal().exchanges().get(0).payloadSize()).isGreaterThan(2500);
        assertThat(reply(tooLarge).get("code").intValue()).isEqualTo(1008);
        assertThat(reply(tooLarge).get("id").asText()).isEqualTo("b-2");
    }

    @Test
    void nonPayloadProblemsAreCoapCodes() {
        assertThat(device.post("/topic/sys/demoProduct/dev02/thing/measurepoint/post", "{}").getCode())
                .isEqualTo(ResponseCode.FORBIDDEN);
        assertThat(device.post(SYS + "thing/no/such/topic", "{}").getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(device.get(SYS + "thing/measurepoint/post").getCode()).isEqualTo(ResponseCode.METHOD_NOT_ALLOWED);
        assertThat(device.get("/.well-known/core").getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(server.journal().exchanges()).extracting(ExchangeEntry::responseCode)
                .containsExactly("4.03", "4.04", "4.05", "4.04");
    }
}
