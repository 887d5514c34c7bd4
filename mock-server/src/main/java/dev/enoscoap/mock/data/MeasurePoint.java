package dev.enoscoap.mock.data;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * The latest value of one measure point of a device.
 *
 * @param identifier the measure point identifier, e.g. {@code temp}
 * @param value the value as sent (number, string, object, …)
 * @param quality the quality the device sent with it, or {@code null}
 * @param time the device's timestamp ({@code params.time}), or the server's receive time
 * @param resumed whether it came through a {@code resume} (offline data) topic
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record MeasurePoint(String identifier, JsonNode value, Integer quality, Instant time, boolean resumed) {

    /** The value as a double, for numeric measure points. */
    public double asDouble() {
        if (!value.isNumber()) {
            throw new IllegalStateException("measure point " + identifier + " is not a number: " + value);
        }
        return value.doubleValue();
    }
}
