package dev.enoscoap.mock.forward;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.UplinkJson;
import java.time.Instant;
import java.util.Base64;

/**
 * The JSON envelope a business server receives for each event (EC-14, shape ours):
 * <pre>{@code
 * {"type": "uplink" | "online" | "offline" | "activation" | "command_reply",
 *  "productKey": "…", "deviceKey": "…", "assetId": "…" | null,
 *  "topic": "/sys/…" | null, "method": "thing.measurepoint.post" | null,
 *  "payload": {…} | "base64…" | null, "payloadEncoding": "json" | "base64" | null,
 *  "receivedAt": "2026-01-01T00:00:00Z", "sequence": 17}
 * }</pre>
 * {@code sequence} counts envelopes of this server from 1, so a receiver can see gaps and order.
 */
final class Envelopes {
    private Envelopes() {
    }

    /** An envelope; {@code payload} is JSON bytes, raw bytes, or {@code null}. */
    public static ObjectNode of(String type, DeviceId device, String assetId, String topic, String method,
            byte[] payload, boolean payloadIsJson, Instant receivedAt, long sequence) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("type", type);
        e.put("productKey", device.productKey());
        e.put("deviceKey", device.deviceKey());
        e.put("assetId", assetId);
        e.put("topic", topic);
        e.put("method", method);
        if (payload == null) {
            e.putNull("payload");
            e.putNull("payloadEncoding");
        } else if (payloadIsJson) {
            e.set("payload", parse(payload));
            e.put("payloadEncoding", "json");
        } else {
            e.put("payload", Base64.getEncoder().encodeToString(payload));
            e.put("payloadEncoding", "base64");
        }
        e.put("receivedAt", receivedAt.toString());
        e.put("sequence", sequence);
        return e;
    }

    /**
     * The payload as JSON, read under the same limits as uplinks; a body that cannot be read so
     * (it never can be after the uplink check accepted it) goes as text rather than failing.
     */
    private static JsonNode parse(byte[] json) {
        UplinkJson.Result read = UplinkJson.read(json);
        return read.ok() ? read.tree()
                : JsonNodeFactory.instance.textNode(new String(json, java.nio.charset.StandardCharsets.UTF_8));
    }
}
