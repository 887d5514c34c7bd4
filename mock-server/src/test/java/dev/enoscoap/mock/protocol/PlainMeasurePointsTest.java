package dev.enoscoap.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PlainMeasurePointsTest {
    private static final Topics.Uplink POST = new Topics.Uplink(UplinkKind.MEASUREPOINT_POST, new DeviceId("pk", "dk"), null);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static PlainMeasurePoints read(String body) {
        return PlainMeasurePoints.read(POST, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheValuesOfAPlainPostInBodyOrderWithTheirTreeNodes() {
        PlainMeasurePoints plain = read("{\"id\":\"7\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
                + "\"params\":{\"measurepoints\":{\"temp\":21.50,\"count\":40,\"zero\":-0,\"big\":2147483648,"
                + "\"low\":-2147483648,\"sci\":1E+2,\"on\":true,\"off\":false,\"label\":\"a b/c\",\"none\":null},"
                + "\"time\":1700000000000}}");
        assertThat(plain).isNotNull();
        assertThat(plain.id()).isEqualTo(NODES.textNode("7"));
        assertThat(plain.values()).containsExactly(
                java.util.Map.entry("temp", NODES.numberNode(21.5)),
                java.util.Map.entry("count", NODES.numberNode(40)),
                java.util.Map.entry("zero", NODES.numberNode(0)),
                java.util.Map.entry("big", NODES.numberNode(2147483648L)),
                java.util.Map.entry("low", NODES.numberNode(Integer.MIN_VALUE)),
                java.util.Map.entry("sci", NODES.numberNode(100.0)),
                java.util.Map.entry("on", NODES.booleanNode(true)),
                java.util.Map.entry("off", NODES.booleanNode(false)),
                java.util.Map.entry("label", NODES.textNode("a b/c")),
                java.util.Map.entry("none", NODES.nullNode()));
        assertThat(plain.time()).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void readsAnEmptySetOfMeasurePointsAndANegativeTime() {
        PlainMeasurePoints plain = read("{\"id\":-3,\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
                + "\"params\":{\"measurepoints\":{ },\"time\":-1}}");
        assertThat(plain).isNotNull();
        assertThat(plain.id()).isEqualTo(NODES.numberNode(-3));
        assertThat(plain.values()).isEmpty();
        assertThat(plain.time()).isEqualTo(-1L);
    }

    @Test
    void devicesThatSendTheSameNamesShareOneCopyOfEach() {
        String body = "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
                + "\"params\":{\"measurepoints\":{\"temp\":1,\"humidity\":2}}}";
        String first = read(body).values().keySet().iterator().next();
        String again = read(body).values().keySet().iterator().next();
        assertThat(first).isEqualTo("temp");
        assertThat(again).isSameAs(first);
    }

    @Test
    void takesMembersInAnyOrderUnknownPlainMembersAndWhitespace() {
        PlainMeasurePoints plain = read(" {\"params\" : {\"time\":5, \"measurepoints\":{\"a\":1,\"a\":2,\"b\":3}},\n"
                + "\"sign\":\"x\", \"id\":42, \"method\":\"thing.measurepoint.post\", \"version\":\"1.0\"}\n");
        assertThat(plain).isNotNull();
        assertThat(plain.id()).isEqualTo(NODES.numberNode(42));
        // As in the tree: the last of a repeated name wins, in the place of the first.
        assertThat(plain.values().keySet()).containsExactly("a", "b");
        assertThat(plain.values().get("a")).isEqualTo(NODES.numberNode(2));
        assertThat(plain.time()).isEqualTo(5L);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // refusals: the tree's way words them
        "{\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{}}}",
        "{\"id\":\"1\",\"version\":\"2.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.resume\",\"params\":{\"measurepoints\":{}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{},\"time\":1.5}}",
        "{\"id\":1.5,\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":1e999}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{}}} x",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{}}",
        "[1]",
        // accepted by the tree, but not plain: values with a quality or a structure, repeated envelope members
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":{\"value\":1,\"quality\":0}}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":[1,2]}}}",
        "{\"id\":\"1\",\"id\":\"2\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{}},\"x\":{}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{},\"time\":12345678901234567890}}",
        // read by the tree alike, but not written the plain way: escapes, bytes outside ASCII, long numbers, long names
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":\"a\\\"b\"}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":\"\u00e9\"}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":\"\u007f\"}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":1234567890123456789}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":0.12345678901234567}}}",
        "{\"id\":12345678901234567890,\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\":1}}}",
        "\ufeff{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{}}}",
        // not JSON at all: the tree refuses them
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":01}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":1.}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":+1}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":truex}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":nul}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":1 2}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":1,}}}",
        "{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\",\"params\":{\"measurepoints\":{\"x\":\"a\tb\"}}}"})
    void leavesEveryOtherBodyToTheTree(String body) {
        assertThat(read(body)).isNull();
    }
}
