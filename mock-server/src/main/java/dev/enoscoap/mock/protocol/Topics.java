package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The EnOS topic catalogue of EC-11 and EC-12 as CoAP paths under {@code /topic}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Topics {
    private Topics() {
    }

    /** An uplink topic of one device. */
    public record Uplink(UplinkKind kind, DeviceId device, String identifier) {
        /** The EnOS method the body must name. */
        public String method() {
            return kind.method(identifier);
        }

        /** The CoAP path, starting with {@code /topic}. */
        public String path() {
            return sysPrefix(device) + fill(kind.pattern(), identifier);
        }

        /** The EnOS topic, starting with {@code /sys}: the path without {@code /topic}. */
        public String topic() {
            return enosTopic(path());
        }
    }

    /** A downlink command topic of one device, or its reply topic. */
    public record Command(CommandKind kind, DeviceId device, String identifier, boolean reply) {
        /** The CoAP path, starting with {@code /topic}. */
        public String path() {
            return PREFIX + topic();
        }

        /** The EnOS topic, starting with {@code /sys}: the path without {@code /topic}. */
        public String topic() {
            return kind.topic(device, identifier) + (reply ? REPLY_SUFFIX : "");
        }

        /** The topic the device answers this command on. */
        public Command replyTopic() {
            return new Command(kind, device, identifier, true);
        }
    }

    /** What every CoAP path of an EnOS topic starts with. */
    private static final String PREFIX = "/topic";
    /** What a command's reply topic adds to the command's topic (EC-12). */
    public static final String REPLY_SUFFIX = "_reply";
    /** The EnOS method of the activation request and its answer (EC-9). */
    public static final String ACTIVATION_METHOD = "thing.activate.info";
    /** The shape of every device topic, for messages: {@code /topic/sys/{productKey}/{deviceKey}/...}. */
    public static final String DEVICE_TOPICS = PREFIX + "/sys/{productKey}/{deviceKey}/...";

    /**
     * Whether {@code path} (Uri-Path segments) is the activation path of some device (EC-8):
     * {@code /topic/ext/session/{pk}/{dk}/thing/activate/info}.
     */
    public static boolean isActivationPath(List<String> path) {
        return path.size() == 8 && path.get(0).equals("topic") && path.get(1).equals("ext")
                && path.get(2).equals("session") && path.get(5).equals("thing") && path.get(6).equals("activate")
                && path.get(7).equals("info");
    }

    /**
     * Whether a request path asks for an activation, well formed or not: it holds the segments
     * {@code thing/activate/info} (EC-8), whatever the keys and prefix before them.
     */
    public static boolean asksForActivation(String path) {
        return path.contains("/thing/activate/info");
    }

    /**
     * The device an activation path names; empty if {@code path} is not an activation path or a key
     * segment is empty.
     */
    public static Optional<DeviceId> activationDevice(List<String> path) {
        if (!isActivationPath(path) || path.get(3).isEmpty() || path.get(4).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeviceId(path.get(3), path.get(4)));
    }

    /**
     * The CoAP path of the uplink topic an EnOS method names: its dots become the topic's slashes,
     * e.g. {@code thing.measurepoint.post} is {@code /topic/sys/{pk}/{dk}/thing/measurepoint/post} (EC-11).
     *
     * @throws IllegalArgumentException if {@code method} does not start with {@code thing.}
     */
    public static String uplinkPathOfMethod(DeviceId device, String method) {
        if (!method.startsWith("thing.")) {
            throw new IllegalArgumentException("'" + method + "' is not an EnOS uplink method such as "
                    + UplinkKind.MEASUREPOINT_POST.methodPattern() + " (EC-11)");
        }
        return sysPrefix(device) + method.replace('.', '/');
    }

    /** Whether the CoAP path lies under {@code /topic/ext/session/}, where the activation paths are (EC-8). */
    public static boolean isSessionPath(String path) {
        return path.startsWith(PREFIX + "/ext/session/");
    }

    /**
     * Whether the CoAP path {@code path} is one of {@code device}'s own: under its topics
     * {@code /topic/sys/{pk}/{dk}/} or its activation path {@code /topic/ext/session/{pk}/{dk}/}.
     */
    public static boolean isPathOf(String path, DeviceId device) {
        String keys = device.productKey() + "/" + device.deviceKey() + "/";
        return path.startsWith(PREFIX + "/sys/" + keys) || path.startsWith(PREFIX + "/ext/session/" + keys);
    }

    /** The reply topic of a command announced by option 2100 (EC-12): its path with {@code _reply} added. */
    public static String replyPath(String commandPath) {
        return commandPath + REPLY_SUFFIX;
    }

    /**
     * A CoAP path written with or without its leading {@code /topic} (and with or without the first
     * slash), as a full path: {@code sys/pk/dk/…} and {@code /topic/sys/pk/dk/…} are the same topic.
     */
    public static String coapPath(String pathOrTopic) {
        String p = pathOrTopic.startsWith("/") ? pathOrTopic : "/" + pathOrTopic;
        return p.startsWith(PREFIX + "/") ? p : PREFIX + p;
    }

    /** The EnOS topic of a CoAP path: the path without its leading {@code /topic}, e.g. {@code /sys/pk/dk/…}. */
    public static String enosTopic(String coapPath) {
        return coapPath.startsWith(PREFIX + "/") ? coapPath.substring(PREFIX.length()) : coapPath;
    }

    private static String sysPrefix(DeviceId device) {
        return PREFIX + "/sys/" + device.productKey() + "/" + device.deviceKey() + "/";
    }

    /** The activation path of a device (EC-8): {@code /topic/ext/session/{pk}/{dk}/thing/activate/info}. */
    public static String activationPath(DeviceId device) {
        return PREFIX + "/ext/session/" + device.productKey() + "/" + device.deviceKey() + "/thing/activate/info";
    }

    /** The CoAP path of an uplink topic of a device (EC-11); events need {@link #eventPath}. */
    public static String uplinkPath(UplinkKind kind, DeviceId device) {
        if (kind == UplinkKind.EVENT_POST) {
            throw new IllegalArgumentException("an event topic needs its identifier: use eventPath");
        }
        return new Uplink(kind, device, null).path();
    }

    /** The CoAP path of the event topic {@code thing/event/{identifier}/post} of a device (EC-11). */
    public static String eventPath(DeviceId device, String identifier) {
        return new Uplink(UplinkKind.EVENT_POST, device, identifier).path();
    }

    private static String fill(String pattern, String identifier) {
        return identifier == null ? pattern : pattern.replace("{identifier}", identifier);
    }

    /**
     * Whether {@code path} (Uri-Path segments) lies under {@code /topic/sys/{pk}/{dk}} with a
     * non-empty product key and device key, so that {@link #deviceOf} can name its device.
     */
    public static boolean isDeviceTopic(List<String> path) {
        return path.size() >= 4 && path.get(0).equals("topic") && path.get(1).equals("sys")
                && !path.get(2).isEmpty() && !path.get(3).isEmpty();
    }

    /**
     * The device a {@code /topic/sys/{pk}/{dk}/…} path names.
     *
     * @throws IllegalArgumentException if {@link #isDeviceTopic} does not hold
     */
    public static DeviceId deviceOf(List<String> path) {
        if (!isDeviceTopic(path)) {
            throw new IllegalArgumentException("not a device topic: /" + LogText.escape(String.join("/", path)));
        }
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
        if (!isDeviceTopic(path) || path.size() < 6 || !path.get(4).equals("thing")) {
            return Optional.empty();
        }
        int rest = path.size() - 5;
        if (rest == 3 && path.get(5).equals("event") && path.get(7).equals("post") && !path.get(6).isEmpty()) {
            return Optional.of(new Uplink(UplinkKind.EVENT_POST, deviceOf(path), path.get(6)));
        }
        if (rest > 3) {
            return Optional.empty(); // no fixed uplink topic is that deep
        }
        String tail = rest == 1 ? path.get(5)
                : rest == 2 ? path.get(5) + "/" + path.get(6) : path.get(5) + "/" + path.get(6) + "/" + path.get(7);
        UplinkKind kind = FIXED_UPLINKS.get(tail);
        return kind == null ? Optional.empty() : Optional.of(new Uplink(kind, deviceOf(path), null));
    }

    /** Reads an uplink topic from a CoAP path such as {@code /topic/sys/pk/dk/thing/measurepoint/post}. */
    public static Optional<Uplink> uplink(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return uplink(List.of(p.split("/", -1)));
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
