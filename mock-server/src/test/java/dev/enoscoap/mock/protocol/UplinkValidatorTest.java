package dev.enoscoap.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UplinkValidatorTest {
    private final UplinkValidator validator = new UplinkValidator(200,
            id -> id.deviceKey().equals("dk") || id.deviceKey().equals("sub1"));

    private static Topics.Uplink topic(String tail) {
        return Topics.uplink(Arrays.asList(("topic/sys/pk/dk/" + tail).split("/"))).orElseThrow();
    }

    private UplinkCheck check(String tail, String body) {
        return validator.check(topic(tail), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsAWellFormedMeasurePointPost() {
        UplinkCheck c = check("thing/measurepoint/post",
                "{\"id\":\"7\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"temp\":21.5},\"time\":1700000000000}}");
        assertThat(c.accepted()).isTrue();
        assertThat(c.reply(null).toString()).isEqualTo("{\"id\":\"7\",\"code\":200,\"data\":{}}");
    }

    @Test
    void echoesANumericIdAsANumber() {
        UplinkCheck c = check("thing/measurepoint/post",
                "{\"id\":42,\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{}}}");
        assertThat(c.reply(null).get("id").isInt()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json | thing/measurepoint/post | {oops | 1220 | true",
        "array | thing/measurepoint/post | [1,2] | 1220 | true",
        "no id | thing/measurepoint/post | {\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{}}} | 1220 | false",
        "version 2.0 | thing/measurepoint/post | {\"id\":\"1\",\"version\":\"2.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{}}} | 1220 | false",
        "wrong method | thing/measurepoint/post | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.event.x.post\",\"params\":{\"measurepoints\":{}}} | 1260 | false",
        "no params | thing/measurepoint/post | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\"} | 1220 | false",
        "params without measurepoints | thing/measurepoint/post | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"events\":{}}} | 1220 | false",
        "time as string | thing/measurepoint/post | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{},\"time\":\"now\"}} | 1220 | false",
        "event without events | thing/event/alarm/post | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.event.alarm.post\",\"params\":{}} | 1220 | false",
        "attributes not an object | thing/attribute/update | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.attribute.update\",\"params\":{\"attributes\":[1]}} | 1207 | false",
        "query with numbers | thing/attribute/query | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.attribute.query\",\"params\":{\"attributes\":[1]}} | 1207 | false",
        "batch not an array | thing/measurepoint/post/batch | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post.batch\",\"params\":{}} | 1220 | false",
        "batch of another product | thing/measurepoint/post/batch | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post.batch\",\"params\":[{\"productKey\":\"other\",\"measurepoints\":{}}]} | 1220 | false",
        "batch of an unknown sub-device | thing/measurepoint/post/batch | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post.batch\",\"params\":[{\"deviceKey\":\"ghost\",\"measurepoints\":{}}]} | 1220 | false"})
    void refusesWithTheRightCode(String name, String tail, String body, int code, boolean badRequest) {
        UplinkCheck c = check(tail, body);
        assertThat(c.accepted()).isFalse();
        assertThat(c.code().code()).isEqualTo(code);
        assertThat(c.badRequest()).isEqualTo(badRequest);
        assertThat(c.message()).contains("EC-");
        assertThat(c.reply(null).get("code").intValue()).isEqualTo(code);
    }

    @Test
    void emptyPayloadIs1251AndTooLargeIs1008() {
        assertThat(validator.check(topic("thing/measurepoint/post"), new byte[0]).code()).isEqualTo(ReplyCode.PAYLOAD_EMPTY);
        String big = "{\"id\":\"9\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":\""
                + "a".repeat(300) + "\"}}}";
        UplinkCheck c = check("thing/measurepoint/post", big);
        assertThat(c.code()).isEqualTo(ReplyCode.MESSAGE_TOO_LARGE);
        assertThat(c.reply(null).get("id").asText()).isEqualTo("9");
    }

    @Test
    void batchAcceptsSubDevicesOfTheSameProduct() {
        UplinkCheck c = check("thing/measurepoint/post/batch",
                "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post.batch\",\"params\":["
                        + "{\"measurepoints\":{\"a\":1}},{\"productKey\":\"pk\",\"deviceKey\":\"sub1\",\"measurepoints\":{\"a\":2}}]}");
        assertThat(c.accepted()).isTrue();
    }

    @Test
    void rawUplinkTakesAnyBytes() {
        assertThat(validator.check(topic("thing/model/up_raw"), new byte[] {0, 1, (byte) 0xff}).accepted()).isTrue();
    }
}
