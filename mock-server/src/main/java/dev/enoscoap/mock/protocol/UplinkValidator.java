package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.JsonNode;
import org.apiguardian.api.API;

/**
 * Checks an uplink body against EC-11: a JSON object with {@code id}, {@code version} "1.0",
 * {@code method} equal to the topic's method, and {@code params} with the member the method
 * needs. Raw pass-through topics take any non-empty bytes.
 *
 * <p>Mapping [ours]: an empty body, a body that is not strict UTF-8 JSON within the limits of
 * {@link UplinkJson}, or not a JSON object, is a bad request (4.00, with 1251 or 1220 in the
 * reply); every other problem is answered 2.04 with the application error code in the reply and
 * the request's {@code id} echoed. A batch entry naming another device than the session's is
 * refused whole with 1009 (no write permission): a device writes only its own data.
 */
@API(status = INTERNAL, since = "0.1")
public final class UplinkValidator {
    private final int maxPayloadBytes;

    /**
     * @param maxPayloadBytes the largest body accepted; larger ones get 1008
     */
    public UplinkValidator(int maxPayloadBytes) {
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("max payload must be at least 1 byte, was " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** The largest body accepted, in bytes. */
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * Checks {@code payload} sent to {@code topic}. A plain measure point post, the uplink sent most
     * often, is read straight from its bytes ({@link PlainMeasurePoints}); every other body, and every
     * refusal, takes the JSON tree's way.
     */
    public UplinkCheck check(Topics.Uplink topic, byte[] payload) {
        return check(topic, payload, true);
    }

    /** {@link #check} with every body taking the tree's way: what the plain read is tested against. */
    UplinkCheck checkWithTree(Topics.Uplink topic, byte[] payload) {
        return check(topic, payload, false);
    }

    private UplinkCheck check(Topics.Uplink topic, byte[] payload, boolean plainFirst) {
        if (payload.length == 0) {
            return UplinkCheck.badRequest(ReplyCode.PAYLOAD_EMPTY, "the payload is empty (EC-11)");
        }
        if (payload.length > maxPayloadBytes) {
            return UplinkCheck.refuse(null, idOf(payload), ReplyCode.MESSAGE_TOO_LARGE, "the payload has " + payload.length
                    + " bytes; this server accepts at most " + maxPayloadBytes + " (EC-1, EC-11)");
        }
        if (topic.kind().raw()) {
            return UplinkCheck.ok(null, null);
        }
        if (plainFirst && PlainMeasurePoints.reads(topic.kind())) {
            PlainMeasurePoints plain = PlainMeasurePoints.read(topic, payload);
            if (plain != null) {
                return UplinkCheck.ok(plain);
            }
        }
        UplinkJson.Result read = UplinkJson.read(payload);
        if (!read.ok()) {
            return UplinkCheck.badRequest(ReplyCode.PAYLOAD_FORMAT_ERROR, read.problem() + " (EC-11)");
        }
        JsonNode body = read.tree();
        if (!body.isObject()) {
            return UplinkCheck.badRequest(ReplyCode.PAYLOAD_FORMAT_ERROR,
                    "the payload must be a JSON object {\"id\",\"version\",\"method\",\"params\"} (EC-11)");
        }
        JsonNode id = body.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
            return UplinkCheck.refuse(body, null, ReplyCode.PAYLOAD_FORMAT_ERROR,
                    "\"id\" is required: a string or integer that identifies the message (EC-11)");
        }
        JsonNode version = body.get("version");
        if (version == null || !version.isTextual() || !version.textValue().equals("1.0")) {
            return UplinkCheck.refuse(body, id, ReplyCode.PAYLOAD_FORMAT_ERROR,
                    "\"version\" must be \"1.0\", was " + version + " (EC-11)");
        }
        JsonNode method = body.get("method");
        if (method == null || !method.isTextual()) {
            return UplinkCheck.refuse(body, id, ReplyCode.PAYLOAD_FORMAT_ERROR,
                    "\"method\" is required and must be \"" + topic.method() + "\" for this topic (EC-11)");
        }
        if (!method.textValue().equals(topic.method())) {
            return UplinkCheck.refuse(body, id, ReplyCode.METHOD_MISMATCH, "method \"" + method.textValue()
                    + "\" does not match topic " + topic.path() + ", which takes \"" + topic.method() + "\" (EC-11)");
        }
        JsonNode params = body.get("params");
        if (topic.kind().batch()) {
            String foreign = foreignEntry(topic, params);
            if (foreign != null) {
                return UplinkCheck.refuse(body, id, ReplyCode.NO_WRITE_PERMISSION, foreign + " (EC-11)");
            }
        }
        String problem = topic.kind().batch() ? checkBatch(topic, params) : checkParams(topic.kind(), params);
        if (problem != null) {
            ReplyCode code = isAttributeTopic(topic.kind()) ? ReplyCode.ATTRIBUTE_FORMAT_ERROR : ReplyCode.PAYLOAD_FORMAT_ERROR;
            return UplinkCheck.refuse(body, id, code, problem + " (EC-11)");
        }
        return UplinkCheck.ok(body, id);
    }

    private String checkParams(UplinkKind kind, JsonNode params) {
        if (params == null || !params.isObject()) {
            return "\"params\" is required and must be an object with \"" + kind.paramsMember() + "\"";
        }
        JsonNode member = params.get(kind.paramsMember());
        boolean listOfNames = kind == UplinkKind.ATTRIBUTE_QUERY || kind == UplinkKind.ATTRIBUTE_DELETE;
        if (listOfNames) {
            if (member == null || !member.isArray()) {
                return "\"params.attributes\" is required and must be an array of attribute names";
            }
            for (JsonNode name : member) {
                if (!name.isTextual()) {
                    return "\"params.attributes\" must hold attribute names as strings, found " + name;
                }
            }
            return null;
        }
        if (member == null || !member.isObject()) {
            return "\"params." + kind.paramsMember() + "\" is required and must be an object of identifiers to values";
        }
        JsonNode time = params.get("time");
        if (time != null && !time.isIntegralNumber()) {
            return "\"params.time\" must be epoch milliseconds as an integer, was " + time;
        }
        return null;
    }

    private String checkBatch(Topics.Uplink topic, JsonNode params) {
        if (params == null || !params.isArray() || params.isEmpty()) {
            return "\"params\" must be a non-empty array of entries {\"measurepoints\": {…}, \"time\": …} for a batch topic";
        }
        for (int i = 0; i < params.size(); i++) {
            JsonNode entry = params.get(i);
            String problem = checkParams(topic.kind(), entry);
            if (problem != null) {
                return "batch entry " + i + ": " + problem.replace("\"params", "\"params[" + i + "]");
            }
        }
        return null;
    }

    /**
     * The first batch entry that names another device than the session's, described, or
     * {@code null}. An entry may name the session's own {@code productKey} and {@code deviceKey}
     * (strings); anything else is another device's data, which a device may not write [ours].
     */
    private static String foreignEntry(Topics.Uplink topic, JsonNode params) {
        if (params == null || !params.isArray()) {
            return null;
        }
        DeviceId own = topic.device();
        for (int i = 0; i < params.size(); i++) {
            JsonNode entry = params.get(i);
            if (!entry.isObject()) {
                continue;
            }
            JsonNode pk = entry.get("productKey");
            JsonNode dk = entry.get("deviceKey");
            boolean samePk = pk == null || pk.isTextual() && pk.textValue().equals(own.productKey());
            boolean sameDk = dk == null || dk.isTextual() && dk.textValue().equals(own.deviceKey());
            if (!samePk || !sameDk) {
                String named = (pk == null ? own.productKey() : text(pk)) + "/" + (dk == null ? own.deviceKey() : text(dk));
                return "batch entry " + i + " names device " + named + ", not the session's device " + own
                        + ": a device writes only its own data, so nothing of this batch is stored";
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        String t = node.isTextual() ? node.textValue() : node.toString();
        return LogText.escape(t.length() > 64 ? t.substring(0, 64) + "…" : t);
    }

    private static boolean isAttributeTopic(UplinkKind kind) {
        return kind == UplinkKind.ATTRIBUTE_UPDATE || kind == UplinkKind.ATTRIBUTE_QUERY || kind == UplinkKind.ATTRIBUTE_DELETE;
    }

    /** The {@code id} of a body too large to check, if it can be read at all. */
    private static JsonNode idOf(byte[] payload) {
        JsonNode body = UplinkJson.read(payload).tree();
        JsonNode id = body != null && body.isObject() ? body.get("id") : null;
        return id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null;
    }
}
