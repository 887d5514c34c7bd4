package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/**
 * The verdict on an uplink body: accepted, refused inside the EnOS reply (CoAP 2.04 with an
 * application error code), or refused as a bad request (CoAP 4.00) when the body is not EnOS
 * JSON at all (EC-11, EC-13).
 *
 * @param body the parsed body, or {@code null} when it is not JSON, is raw by design, or was read
 *        without a tree (then {@code plain} holds what it reports)
 * @param id the request's {@code id} to echo, or {@code null}
 * @param code the reply code
 * @param message why it was refused, {@code null} when accepted
 * @param badRequest whether the CoAP answer is 4.00 rather than 2.04
 * @param plain the measure points of a plain measure point post read without a tree, or {@code null}
 */
@API(status = INTERNAL, since = "0.1")
public record UplinkCheck(JsonNode body, JsonNode id, ReplyCode code, String message, boolean badRequest,
        PlainMeasurePoints plain) {

    /** Whether the uplink was accepted. */
    public boolean accepted() {
        return code == ReplyCode.OK;
    }

    /** The EnOS reply body: {@code {"id":…,"code":…,"data":{…}}} with a {@code message} on errors. */
    public ObjectNode reply(JsonNode data) {
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        if (id != null) {
            reply.set("id", id);
        }
        reply.put("code", code.code());
        reply.set("data", data == null ? JsonNodeFactory.instance.objectNode() : data);
        if (message != null) {
            reply.put("message", message);
        }
        return reply;
    }

    /**
     * {@link #reply(JsonNode)} as UTF-8 JSON, byte for byte what Jackson writes for it. The reply to
     * almost every uplink ({@code {"id":"…","code":200,"data":{}}}) is put together directly,
     * without a tree and a serializer per request.
     */
    public byte[] replyJson(JsonNode data) {
        if (message == null && (data == null || data.isEmpty())
                && (id == null || id.isIntegralNumber() || id.isTextual() && !hasSurrogate(id.textValue()))) {
            StringBuilder reply = new StringBuilder(48).append('{');
            if (id != null) {
                reply.append("\"id\":");
                if (id.isTextual()) {
                    reply.append('"').append(JsonStringEncoder.getInstance().quoteAsString(id.textValue())).append('"');
                } else {
                    reply.append(id.asText());
                }
                reply.append(',');
            }
            return reply.append("\"code\":").append(code.code()).append(",\"data\":{}}").toString()
                    .getBytes(StandardCharsets.UTF_8);
        }
        try {
            return UplinkJson.MAPPER.writeValueAsBytes(reply(data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the reply: " + e.getOriginalMessage(), e);
        }
    }

    /** Jackson escapes characters outside the BMP as surrogate pairs; such an id takes the tree's way. */
    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** This accepted body refused after all, e.g. because storing it would pass a limit (answered 2.04). */
    public UplinkCheck refusedWith(ReplyCode refusal, String why) {
        return new UplinkCheck(body, id, refusal, why, false, plain);
    }

    static UplinkCheck ok(JsonNode body, JsonNode id) {
        return new UplinkCheck(body, id, ReplyCode.OK, null, false, null);
    }

    static UplinkCheck ok(PlainMeasurePoints plain) {
        return new UplinkCheck(null, plain.id(), ReplyCode.OK, null, false, plain);
    }

    static UplinkCheck refuse(JsonNode body, JsonNode id, ReplyCode code, String message) {
        return new UplinkCheck(body, id, code, message, false, null);
    }

    static UplinkCheck badRequest(ReplyCode code, String message) {
        return new UplinkCheck(null, null, code, message, true, null);
    }
}
