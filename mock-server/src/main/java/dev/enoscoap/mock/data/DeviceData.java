package dev.enoscoap.mock.data;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import dev.enoscoap.mock.protocol.DeviceId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a device has reported, as of one moment: latest measure points, attributes, events and a
 * bounded history of accepted uplinks (oldest first).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record DeviceData(DeviceId device, Map<String, MeasurePoint> measurePoints, Map<String, JsonNode> attributes,
        List<DeviceEvent> events, List<UplinkRecord> history) {

    /** The latest value of a measure point. */
    public Optional<MeasurePoint> measurePoint(String identifier) {
        return Optional.ofNullable(measurePoints.get(identifier));
    }

    /** The current value of an attribute. */
    public Optional<JsonNode> attribute(String identifier) {
        return Optional.ofNullable(attributes.get(identifier));
    }

    /** The events with this identifier, oldest first. */
    public List<DeviceEvent> events(String identifier) {
        return events.stream().filter(e -> e.identifier().equals(identifier)).toList();
    }
}
