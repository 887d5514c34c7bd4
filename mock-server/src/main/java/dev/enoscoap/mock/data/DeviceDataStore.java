package dev.enoscoap.mock.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps what each device reported: latest measure points, attributes, events, and a bounded
 * history per device. Thread-safe.
 */
public final class DeviceDataStore {
    private final Clock clock;
    private final int historyCapacity;
    private final ConcurrentMap<DeviceId, Slot> slots = new ConcurrentHashMap<>();

    private static final class Slot {
        final Map<String, MeasurePoint> measurePoints = new LinkedHashMap<>();
        final Map<String, JsonNode> attributes = new LinkedHashMap<>();
        final ArrayDeque<DeviceEvent> events = new ArrayDeque<>();
        final ArrayDeque<UplinkRecord> history = new ArrayDeque<>();
    }

    /**
     * @param clock receive times
     * @param historyCapacity uplinks and events kept per device; the oldest are dropped
     */
    public DeviceDataStore(Clock clock, int historyCapacity) {
        if (historyCapacity < 1) {
            throw new IllegalArgumentException("history capacity must be at least 1, was " + historyCapacity);
        }
        this.clock = clock;
        this.historyCapacity = historyCapacity;
    }

    /**
     * Stores an accepted uplink. For attribute queries, returns the reply {@code data}: the
     * current values of the attributes asked for.
     */
    public JsonNode accept(Topics.Uplink topic, JsonNode body, byte[] raw) {
        Instant now = clock.instant();
        DeviceId device = topic.device();
        Slot slot = slots.computeIfAbsent(device, k -> new Slot());
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        synchronized (slot) {
            add(slot.history, new UplinkRecord(now, topic.path(), topic.method(), body, raw == null ? null : raw.clone()));
            if (body == null) {
                return data;
            }
            JsonNode params = body.get("params");
            UplinkKind kind = topic.kind();
            switch (kind) {
                case MEASUREPOINT_POST, MEASUREPOINT_RESUME -> measurePoints(slot, params, now,
                        kind == UplinkKind.MEASUREPOINT_RESUME);
                case MEASUREPOINT_POST_BATCH, MEASUREPOINT_RESUME_BATCH -> {
                    boolean resumed = kind == UplinkKind.MEASUREPOINT_RESUME_BATCH;
                    for (JsonNode entry : params) {
                        JsonNode dk = entry.get("deviceKey");
                        if (dk == null || dk.textValue().equals(device.deviceKey())) {
                            measurePoints(slot, entry, now, resumed);
                        } else {
                            Slot sub = slots.computeIfAbsent(new DeviceId(device.productKey(), dk.textValue()), k -> new Slot());
                            synchronized (sub) {
                                measurePoints(sub, entry, now, resumed);
                            }
                        }
                    }
                }
                case EVENT_POST -> add(slot.events, new DeviceEvent(topic.identifier(), params.get("events"), timeOf(params, now)));
                case ATTRIBUTE_UPDATE -> params.get("attributes").fields()
                        .forEachRemaining(f -> slot.attributes.put(f.getKey(), f.getValue()));
                case ATTRIBUTE_DELETE -> params.get("attributes").forEach(n -> slot.attributes.remove(n.textValue()));
                case ATTRIBUTE_QUERY -> {
                    ObjectNode values = data.putObject("attributes");
                    JsonNode names = params.get("attributes");
                    if (names.isEmpty()) {
                        slot.attributes.forEach(values::set);
                    } else {
                        names.forEach(n -> {
                            JsonNode v = slot.attributes.get(n.textValue());
                            if (v != null) {
                                values.set(n.textValue(), v);
                            }
                        });
                    }
                }
                case UP_RAW -> {
                    // kept in the history only
                }
            }
        }
        return data;
    }

    /** What the device reported so far (an empty record if nothing). */
    public DeviceData of(DeviceId device) {
        Slot slot = slots.get(device);
        if (slot == null) {
            return new DeviceData(device, Map.of(), Map.of(), List.of(), List.of());
        }
        synchronized (slot) {
            return new DeviceData(device, Map.copyOf(slot.measurePoints), copy(slot.attributes),
                    List.copyOf(slot.events), List.copyOf(slot.history));
        }
    }

    /** Forgets everything every device reported. */
    public void clear() {
        slots.clear();
    }

    private static Map<String, JsonNode> copy(Map<String, JsonNode> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private void measurePoints(Slot slot, JsonNode params, Instant now, boolean resumed) {
        Instant time = timeOf(params, now);
        for (Iterator<Map.Entry<String, JsonNode>> it = params.get("measurepoints").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            JsonNode value = v;
            Integer quality = null;
            if (v.isObject() && v.has("value")) {
                value = v.get("value");
                quality = v.has("quality") && v.get("quality").canConvertToInt() ? v.get("quality").intValue() : null;
            }
            slot.measurePoints.put(f.getKey(), new MeasurePoint(f.getKey(), value, quality, time, resumed));
        }
    }

    private static Instant timeOf(JsonNode params, Instant now) {
        JsonNode time = params.get("time");
        return time != null && time.isIntegralNumber() ? Instant.ofEpochMilli(time.longValue()) : now;
    }

    private <T> void add(ArrayDeque<T> deque, T item) {
        deque.addLast(item);
        while (deque.size() > historyCapacity) {
            deque.removeFirst();
        }
    }

}
