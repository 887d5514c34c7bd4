package dev.enoscoap.mock.data;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * An event a device reported on {@code thing/event/{identifier}/post}.
 *
 * @param identifier the event identifier
 * @param values {@code params.events} as sent
 * @param time the device's timestamp, or the server's receive time
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DeviceEvent(String identifier, JsonNode values, Instant time) {
}
