package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * The downlink commands of EC-12 and their topics.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum CommandKind {
    /** Set measure points: {@code /sys/{pk}/{dk}/thing/service/measurepoint/set}. */
    MEASUREPOINT_SET("thing/service/measurepoint/set", "thing.service.measurepoint.set"),
    /** Read measure points: {@code /sys/{pk}/{dk}/thing/service/measurepoint/get}. */
    MEASUREPOINT_GET("thing/service/measurepoint/get", "thing.service.measurepoint.get"),
    /** Invoke a service: {@code /sys/{pk}/{dk}/thing/service/{identifier}}. */
    SERVICE("thing/service/{identifier}", "thing.service.{identifier}"),
    /** Pass-through bytes: {@code /sys/{pk}/{dk}/thing/model/down_raw}. */
    DOWN_RAW("thing/model/down_raw", null);

    private final String pattern;
    private final String method;

    CommandKind(String pattern, String method) {
        this.pattern = pattern;
        this.method = method;
    }

    /** The request topic (EC-12), e.g. {@code /sys/pk/dk/thing/service/measurepoint/set}. */
    public String topic(DeviceId device, String identifier) {
        return "/sys/" + device.productKey() + "/" + device.deviceKey() + "/" + pattern.replace("{identifier}",
                identifier == null ? "" : identifier);
    }

    /** The EnOS method, or {@code null} for raw commands. */
    public String method(String identifier) {
        return method == null ? null : method.replace("{identifier}", identifier == null ? "" : identifier);
    }
}
