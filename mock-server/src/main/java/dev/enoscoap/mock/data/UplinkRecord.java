package dev.enoscoap.mock.data;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * One accepted uplink, as kept in a device's history.
 *
 * @param receivedAt when the server accepted it
 * @param topic the topic path, starting with {@code /topic}
 * @param method the EnOS method, or {@code null} for raw uplinks
 * @param body the JSON body, or {@code null} for raw uplinks
 * @param raw the raw bytes of a pass-through uplink, or {@code null}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record UplinkRecord(Instant receivedAt, String topic, String method, JsonNode body, byte[] raw) {
}
