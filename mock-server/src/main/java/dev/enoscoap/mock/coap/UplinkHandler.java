package dev.enoscoap.mock.coap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.enoscoap.mock.data.DeviceDataStore;
import dev.enoscoap.mock.protocol.ReplyCode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkCheck;
import dev.enoscoap.mock.protocol.UplinkValidator;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

/**
 * The uplink topics of EC-11: checks the body, keeps what was reported, and answers with the
 * EnOS reply.
 */
final class UplinkHandler {
    private final UplinkValidator validator;
    private final DeviceDataStore data;

    UplinkHandler(UplinkValidator validator, DeviceDataStore data) {
        this.validator = validator;
        this.data = data;
    }

    Reply handle(Topics.Uplink topic, byte[] payload) {
        UplinkCheck check = validator.check(topic, payload);
        DeviceDataStore.Stored stored = null;
        if (check.accepted()) {
            stored = data.accept(topic, check, payload);
            if (!stored.accepted()) {
                check = check.refusedWith(stored.refusal(), stored.message() + " (EC-11)");
            }
        }
        if (!check.accepted()) {
            String note = "reply code " + check.code().code() + " " + check.code().text() + ": " + check.message();
            ResponseCode code = check.badRequest() ? ResponseCode.BAD_REQUEST : ResponseCode.CHANGED;
            return new Reply(code, check.replyJson(null), MediaTypeRegistry.APPLICATION_JSON, note, check.code().code(),
                    method(topic, check));
        }
        JsonNode replyData = stored.data();
        if (topic.kind().raw()) {
            return new Reply(ResponseCode.CHANGED, new byte[0], -1, null, -1, null);
        }
        return new Reply(ResponseCode.CHANGED, check.replyJson(replyData), MediaTypeRegistry.APPLICATION_JSON, null,
                ReplyCode.OK.code(), topic.method());
    }

    private static String method(Topics.Uplink topic, UplinkCheck check) {
        if (check.plain() != null) {
            return topic.method(); // read without a tree only when the method is the topic's
        }
        JsonNode m = check.body() == null ? null : check.body().get("method");
        return m != null && m.isTextual() ? m.textValue() : null;
    }
}
