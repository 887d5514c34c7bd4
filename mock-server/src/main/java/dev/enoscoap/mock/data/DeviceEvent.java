package dev.enoscoap.mock.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An event a device reported on {@code thing/event/{identifier}/post}.
 *
 * @param identifier the event identifier
 * @param values {@code params.events} as sent
 * @param time the device's timestamp, or the server's receive time
 */
public record DeviceEvent(String identifier, JsonNode values, Instant time) {
}
