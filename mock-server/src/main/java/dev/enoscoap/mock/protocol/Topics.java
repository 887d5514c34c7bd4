package dev.enoscoap.mock.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EnOS topic catalogue of EC-11 and EC-12 as CoAP paths under {@code /topic}.
 */
public final class Topics {
    private Topics() {
    }

    /** An uplink topic of one device. */
    public record Uplink(UplinkKind kind, DeviceId device, String identifier) {
        /** The EnOS method the body must name. */
        public String method() {
            return kind.methodPattern() == null ? null : fill(kind.methodPattern(), identifier);
        }

        /** The CoAP path, starting with {@code /topic}. */
        public String path() {
            return "/topic/sys/" + device.productKey() + "/" + device.deviceKey() + "/"
                    + fill(kind.pattern(), identifier);
        }
    }

    /** A downlink command topic of one device, or its reply topic. */
    public record Command(CommandKind kind, DeviceId device, String identifier, boolean reply) {
        /** The CoAP path, starting with {@code /topic}. */
        public String path() {
            return "/topic" + kind.topic(device, identifier) + (reply ? "_reply" : "");
        }
    }

    private static String fill(String pattern, String identifier) {
        return identifier == null ? pattern : pattern.replace("{identifier}", identifier);
    }

    /** Whether {@code path} (Uri-Path segments) lies under {@code /topic/sys/}. */
    public static boolean isDeviceTopic(List<String> path) {
        return path.size() >= 4 && path.get(0).equals("topic") && path.get(1).equals("sys");
    }

    /** The device a {@code /topic/sys/{pk}/{dk}/…} path names. */
    public static DeviceId deviceOf(List<String> path) {
        return new DeviceId(path.get(2), path.get(3));
    }

    /** The fixed uplink topics by their part after {@code thing/}; events have an identifier and are matched apart. */
    private static final Map<String, UplinkKind> FIXED_UPLINKS = fixedUplinks();

    private static Map<String, UplinkKind> fixedUplinks() {
        Map<String, UplinkKind> byTail = new HashMap<>();
        for (UplinkKind kind : UplinkKind.values()) {
            if (kind != UplinkKind.EVENT_POST) {
                byTail.put(kind.pattern().substring("thing/".length()), kind);
            }
        }
        return Map.copyOf(byTail);
    }

    /** Reads an uplink topic from a {@code /topic/sys/{pk}/{dk}/thing/…} path. */
    public static Optional<Uplink> uplink(List<String> path) {
        if (!isDeviceTopic(path) || path.size() < 6 || !path.get(4).equals("thing") || path.get(2).isEmpty()
                || path.get(3).isEmpty()) {
            return Optional.empty();
        }
        int rest = path.size() - 5;
        if (rest == 3 && path.get(5).equals("event") && path.get(7).equals("post") && !path.get(6).isEmpty()) {
            return Optional.of(new Uplink(UplinkKind.EVENT_POST, deviceOf(path), path.get(6)));
        }
        if (rest > 3) {
            return Optional.empty(); // no fixed uplink topic is that deep
        }
        UplinkKind kind = FIXED_UPLINKS.get(rest == 1 ? path.get(5) : String.join("/", path.subList(5, path.size())));
        return kind == null ? Optional.empty() : Optional.of(new Uplink(kind, deviceOf(path), null));
    }

    /** Reads a command topic or command reply topic from a {@code /topic/sys/{pk}/{dk}/thing/…} path. */
    public static Optional<Command> command(List<String> path) {
        if (!isDeviceTopic(path) || path.size() < 7 || !path.get(4).equals("thing")) {
            return Optional.empty();
        }
        DeviceId device = deviceOf(path);
        List<String> rest = path.subList(5, path.size());
        String last = rest.get(rest.size() - 1);
        boolean reply = last.endsWith("_reply");
        String lastBare = reply ? last.substring(0, last.length() - "_reply".length()) : last;
        if (rest.size() == 2 && rest.get(0).equals("model") && lastBare.equals("down_raw")) {
            return Optional.of(new Command(CommandKind.DOWN_RAW, device, null, reply));
        }
        if (rest.size() == 3 && rest.get(0).equals("service") && rest.get(1).equals("measurepoint")) {
            if (lastBare.equals("set")) {
                return Optional.of(new Command(CommandKind.MEASUREPOINT_SET, device, null, reply));
            }
            if (lastBare.equals("get")) {
                return Optional.of(new Command(CommandKind.MEASUREPOINT_GET, device, null, reply));
            }
        }
        if (rest.size() == 2 && rest.get(0).equals("service") && !lastBare.isEmpty() && !lastBare.equals("measurepoint")) {
            return Optional.of(new Command(CommandKind.SERVICE, device, lastBare, reply));
        }
        return Optional.empty();
    }
}
