package dev.enoscoap.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reply bytes put together directly are exactly what Jackson writes for the reply tree. */
class UplinkCheckTest {

    @ParameterizedTest(name = "id {0}")
    @ValueSource(strings = {"\"7\"", "\"\"", "\"a \\\"quoted\\\" \\\\ id\"", "\"tab\\there\\u0001\"", "\"Zürich ☃ 😀\"",
        "\"</script>\"", "42", "-1", "12345678901234567890123", "0", "1.5", "true", "null", "{\"o\":1}", "[1]"})
    void theDirectReplyIsJacksonsReplyByteForByte(String idJson) throws Exception {
        JsonNode id = UplinkJson.MAPPER.readTree(idJson);
        for (UplinkCheck check : new UplinkCheck[] {UplinkCheck.ok(null, id), UplinkCheck.ok(null, null),
            UplinkCheck.refuse(null, id, ReplyCode.MODEL_VALIDATION_FAILED, "why \"not\""),
            UplinkCheck.badRequest(ReplyCode.MODEL_VALIDATION_FAILED, "not JSON")}) {
            for (JsonNode data : new JsonNode[] {null, JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.objectNode().set("attributes", JsonNodeFactory.instance.objectNode().put("a", 1))}) {
                byte[] direct = check.replyJson(data);
                byte[] tree = UplinkJson.MAPPER.writeValueAsBytes(check.reply(data));
                assertThat(new String(direct, StandardCharsets.UTF_8)).as("id %s, data %s", idJson, data)
                        .isEqualTo(new String(tree, StandardCharsets.UTF_8));
                assertThat(direct).isEqualTo(tree);
            }
        }
    }
}
