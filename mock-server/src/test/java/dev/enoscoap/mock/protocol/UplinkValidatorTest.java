package dev.enoscoap.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UplinkValidatorTest {
    private final UplinkValidator validator = new UplinkValidator(200);

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
        "batch of another product | thing/measurepoint/post/batch | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post.batch\",\"params\":[{\"productKey\":\"other\",\"measurepoints\":{}}]} | 1009 | false",
        "batch of another device | thing/measurepoint/post/batch | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post.batch\",\"params\":[{\"deviceKey\":\"ghost\",\"measurepoints\":{}}]} | 1009 | false",
        "non-finite number | thing/measurepoint/post | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":1e999999}}} | 1220 | true",
        "1001 digits | thing/measurepoint/post | {\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":1111111111111111111111111111111111111111111111111111111111111111111111}}} | 1220 | true",
        "nested 40 deep | thing/measurepoint/post | [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] | 1220 | true"})
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
    void batchAcceptsEntriesNamingTheSessionsOwnDevice() {
        UplinkCheck c = check("thing/measurepoint/post/batch",
                "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post.batch\",\"params\":["
                        + "{\"measurepoints\":{\"a\":1}},{\"productKey\":\"pk\",\"deviceKey\":\"dk\",\"measurepoints\":{\"a\":2}}]}");
        assertThat(c.accepted()).isTrue();
    }

    @Test
    void batchEntryOfAnotherDeviceIsRefusedWith1009NamingEntryAndDevice() {
        UplinkCheck c = check("thing/measurepoint/post/batch",
                "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post.batch\",\"params\":["
                        + "{\"measurepoints\":{\"a\":1}},{\"deviceKey\":\"dev02\",\"measurepoints\":{\"a\":2}}]}");
        assertThat(c.code()).isEqualTo(ReplyCode.NO_WRITE_PERMISSION);
        assertThat(c.badRequest()).isFalse();
        assertThat(c.message()).contains("batch entry 1", "pk/dev02", "pk/dk");
    }

    @Test
    void overlongUtf8IsABadRequestNamingTheRule() {
        byte[] body = ("{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":"
                + "{\"measurepoints\":{\"x\":\"A\"}}}").getBytes(StandardCharsets.UTF_8);
        byte[] overlong = new byte[body.length + 1];
        int at = new String(body, StandardCharsets.UTF_8).indexOf("\"A\"") + 1;
        System.arraycopy(body, 0, overlong, 0, at);
        overlong[at] = (byte) 0xc1;
        overlong[at + 1] = (byte) 0x81; // 'A' as an overlong two-byte form
        System.arraycopy(body, at + 1, overlong, at + 2, body.length - at - 1);
        UplinkCheck c = validator.check(topic("thing/measurepoint/post"), overlong);
        assertThat(c.badRequest()).isTrue();
        assertThat(c.code()).isEqualTo(ReplyCode.PAYLOAD_FORMAT_ERROR);
        assertThat(c.message()).contains("not valid UTF-8", "overlong");
    }

    @Test
    void rawUplinkTakesAnyBytes() {
        assertThat(validator.check(topic("thing/model/up_raw"), new byte[] {0, 1, (byte) 0xff}).accepted()).isTrue();
    }
}
