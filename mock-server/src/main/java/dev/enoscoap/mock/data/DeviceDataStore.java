package dev.enoscoap.mock.data;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enoscoap.mock.journal.DropReport;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.LogText;
import dev.enoscoap.mock.protocol.PlainMeasurePoints;
import dev.enoscoap.mock.protocol.ReplyCode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkCheck;
import dev.enoscoap.mock.protocol.UplinkJson;
import dev.enoscoap.mock.protocol.UplinkKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Keeps what each device reported: latest measure points, attributes, events, and a history of
 * accepted uplinks, within {@link DataLimits}: per device and in total. Values are kept as compact
 * JSON bytes and read back into trees when asked for, so the total is close to the memory used.
 * Only the uplink's own device is written: a body never reaches another device's data.
 * Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class DeviceDataStore {
    /** Fixed cost counted per stored item, on top of its bytes. */
    static final int ITEM_OVERHEAD = 96;

    private final Clock clock;
    private final DataLimits limits;
    private final DropReport drops;
    private final Map<DeviceId, Slot> slots = new java.util.HashMap<>();
    /** Every slot by its number: the rings of slot {@code n} are numbered {@code 2n} (history) and {@code 2n+1} (events). */
    private final List<Slot> numbered = new ArrayList<>();
    /** History records and events of every device, oldest first, for dropping the oldest to make room. */
    private final DropOrder order = new DropOrder();
    private long bytes;
    /** History records and events kept, of all devices. */
    private long kept;

    /**
     * What {@link #accept} did: stored (with the reply {@code data}, {@code null} for none), or
     * refused with a reply code.
     */
    public record Stored(JsonNode data, ReplyCode refusal, String message) {
        /** Whether the uplink was stored. */
        public boolean accepted() {
            return refusal == null;
        }
    }

    private record Value(byte[] json, Integer quality, Instant time, boolean resumed) {
        int weight(String name) {
            return json.length + 2 * name.length() + ITEM_OVERHEAD;
        }
    }

    private record Event(String identifier, byte[] values, Instant time) {
    }

    /** A history record as read out of its ring. */
    private record Uplink(Instant receivedAt, Topics.Uplink topic, byte[] body, byte[] raw) {
    }

    private static final class Slot {
        final DeviceId device;
        final int number;
        final Map<String, Value> measurePoints = new LinkedHashMap<>(2);
        /** None until the device sets one (most never do): then a map of its own. */
        Map<String, Value> attributes = Map.of();
        /** None until the device sends an event (most never do). */
        RecordRing events;
        /** Accepted uplinks, each about its topic; its path and method are made when read, not kept as text for each. */
        final RecordRing history = new RecordRing();
        /** The topic of the last uplink kept: a device that sends to the same topic again keeps one topic object. */
        Topics.Uplink lastTopic;
        /** The length of {@link #lastTopic}'s path, counted in each of its records' weight. */
        int lastTopicChars;

        Slot(DeviceId device, int number) {
            this.device = device;
            this.number = number;
        }

        /** The number of this device's history ({@code event} false) or events ring in {@link DropOrder}. */
        int ringNumber(boolean event) {
            return 2 * number + (event ? 1 : 0);
        }
    }

    /**
     * @param clock receive times
     * @param limits how much to keep
     * @param drops where drops are counted and journaled
     */
    public DeviceDataStore(Clock clock, DataLimits limits, DropReport drops) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.drops = Objects.requireNonNull(drops, "drops");
    }

    /** The limits in force. */
    public DataLimits limits() {
        return limits;
    }

    /** The bytes held now, as counted against {@link DataLimits#totalBytes()}. */
    public synchronized long bytesUsed() {
        return bytes;
    }

    /**
     * Stores an accepted uplink of {@code topic.device()}, whole or not at all. For attribute
     * queries the result holds the reply {@code data}: the current values of the attributes asked for.
     */
    public Stored accept(Topics.Uplink topic, JsonNode body, byte[] raw) {
        return accept(topic, body, null, raw);
    }

    /**
     * Stores an accepted uplink, as {@link #accept(Topics.Uplink, JsonNode, byte[])} does, keeping
     * {@code bodyJson}, the JSON text {@code body} was read from, as its history record instead of
     * writing the tree out again.
     */
    public Stored accept(Topics.Uplink topic, JsonNode body, byte[] bodyJson, byte[] raw) {
        Instant now = clock.instant();
        DeviceId device = topic.device();
        byte[] bodyBytes = body == null ? null : bodyJson != null ? bodyJson : bytes(body);
        JsonNode params = body == null ? null : body.get("params");
        UplinkKind kind = topic.kind();
        // Work out the change first, so that a refused uplink leaves nothing behind.
        Map<String, Value> points = kind.measurePoints() ? new LinkedHashMap<>() : Map.of();
        Map<String, Value> attributes = kind == UplinkKind.ATTRIBUTE_UPDATE ? new LinkedHashMap<>() : Map.of();
        Event event = null;
        switch (kind) {
            case MEASUREPOINT_POST, MEASUREPOINT_RESUME -> collectPoints(points, params, now,
                    kind == UplinkKind.MEASUREPOINT_RESUME);
            case MEASUREPOINT_POST_BATCH, MEASUREPOINT_RESUME_BATCH -> {
                for (JsonNode entry : params) {
                    // The validator refuses entries of other devices; never store one anyway.
                    if (ownEntry(entry, device)) {
                        collectPoints(points, entry, now, kind == UplinkKind.MEASUREPOINT_RESUME_BATCH);
                    }
                }
            }
            case EVENT_POST -> event = new Event(topic.identifier(), bytes(params.get("events")), timeOf(params, now));
            case ATTRIBUTE_UPDATE -> params.get("attributes").fields().forEachRemaining(
                    f -> attributes.put(f.getKey(), new Value(bytes(f.getValue()), null, now, false)));
            default -> {
                // queries, deletes and raw uplinks change no values
            }
        }
        return store(topic, now, bodyBytes, raw, points, attributes, event, params);
    }

    /**
     * Stores the uplink {@code check} accepted, sent as {@code payload}: its measure points read
     * without a tree, its JSON tree (the history keeps the payload, not the tree written out again),
     * or its raw bytes.
     */
    public Stored accept(Topics.Uplink topic, UplinkCheck check, byte[] payload) {
        if (check.plain() != null) {
            return accept(topic, check.plain(), payload);
        }
        boolean raw = topic.kind().raw();
        return accept(topic, check.body(), raw ? null : payload, raw ? payload : null);
    }

    /**
     * Stores a measure point post read without a tree, as {@link #accept(Topics.Uplink, JsonNode, byte[], byte[])}
     * does with its tree: the same values, the same history record of {@code bodyJson}.
     */
    private Stored accept(Topics.Uplink topic, PlainMeasurePoints plain, byte[] bodyJson) {
        Instant now = clock.instant();
        Instant time = plain.time() == null ? now : Instant.ofEpochMilli(plain.time());
        boolean resumed = topic.kind() == UplinkKind.MEASUREPOINT_RESUME;
        Map<String, Value> points = new LinkedHashMap<>(4);
        plain.values().forEach((name, value) -> points.put(name, new Value(bytes(value), null, time, resumed)));
        return store(topic, now, bodyJson, null, points, Map.of(), null, null);
    }

    /** Applies a worked-out change of {@code topic.device()} whole, or refuses it whole. */
    private synchronized Stored store(Topics.Uplink topic, Instant receivedAt, byte[] body, byte[] raw,
            Map<String, Value> points, Map<String, Value> attributes, Event event, JsonNode params) {
        DeviceId device = topic.device();
        UplinkKind kind = topic.kind();
        Slot slot = slotOf(device);
        if (!topic.equals(slot.lastTopic)) {
            slot.lastTopic = topic;
            slot.lastTopicChars = topic.path().length();
        }
        int recordWeight = (body == null ? 0 : body.length) + (raw == null ? 0 : raw.length) + slot.lastTopicChars * 2
                + ITEM_OVERHEAD;
        String refusal = overNameLimit(slot.measurePoints, points, limits.measurePointsPerDevice(), "measure point");
        String limitName = "measure-points";
        if (refusal == null && !attributes.isEmpty()) {
            refusal = overNameLimit(slot.attributes, attributes, limits.attributesPerDevice(), "attribute");
            limitName = "attributes";
        }
        if (refusal != null) {
            drops.limitReached(limitName, device, refusal);
            return new Stored(null, ReplyCode.MODEL_VALIDATION_FAILED, refusal);
        }
        long delta = recordWeight + (event == null ? 0 : event.values().length + ITEM_OVERHEAD)
                + weightDelta(slot.measurePoints, points) + (attributes.isEmpty() ? 0 : weightDelta(slot.attributes, attributes));
        if (!makeRoom(delta)) {
            String message = "device data of this mock is full: the latest values of all devices take " + bytes
                    + " of " + limits.totalBytes() + " bytes (limit total-bytes), so this uplink of " + device
                    + " is not stored";
            drops.limitReached("total-bytes", device, message);
            return new Stored(null, ReplyCode.MESSAGE_TOO_LARGE, message);
        }
        apply(slot.measurePoints, points);
        if (!attributes.isEmpty()) {
            if (slot.attributes.isEmpty()) {
                slot.attributes = new LinkedHashMap<>();
            }
            apply(slot.attributes, attributes);
        }
        if (event != null) {
            if (slot.events == null) {
                slot.events = new RecordRing();
            }
            keep(slot, true, event.identifier(), event.values(), null, event.time(), event.values().length + ITEM_OVERHEAD,
                    limits.eventsPerDevice());
        }
        keep(slot, false, slot.lastTopic, body, raw, receivedAt, recordWeight, limits.historyPerDevice());
        ObjectNode data = null;
        if (kind == UplinkKind.ATTRIBUTE_DELETE) {
            params.get("attributes").forEach(n -> {
                Value v = slot.attributes.isEmpty() ? null : slot.attributes.remove(n.textValue());
                if (v != null) {
                    bytes -= v.weight(n.textValue());
                }
            });
        } else if (kind == UplinkKind.ATTRIBUTE_QUERY) {
            data = JsonNodeFactory.instance.objectNode();
            ObjectNode values = data.putObject("attributes");
            JsonNode names = params.get("attributes");
            if (names.isEmpty()) {
                slot.attributes.forEach((name, v) -> values.set(name, tree(v.json())));
            } else {
                names.forEach(n -> {
                    Value v = slot.attributes.get(n.textValue());
                    if (v != null) {
                        values.set(n.textValue(), tree(v.json()));
                    }
                });
            }
        }
        return new Stored(data, null, null);
    }

    private Slot slotOf(DeviceId device) {
        Slot slot = slots.get(device);
        if (slot == null) {
            slot = new Slot(device, numbered.size());
            numbered.add(slot);
            slots.put(device, slot);
        }
        return slot;
    }

    /** What the device reported so far (an empty record if nothing). */
    public DeviceData of(DeviceId device) {
        Map<String, Value> points;
        Map<String, Value> attributes;
        List<Event> events = new ArrayList<>();
        List<Uplink> history = new ArrayList<>();
        synchronized (this) {
            Slot slot = slots.get(device);
            if (slot == null) {
                return new DeviceData(device, Map.of(), Map.of(), List.of(), List.of());
            }
            points = new LinkedHashMap<>(slot.measurePoints);
            attributes = new LinkedHashMap<>(slot.attributes);
            // Trees are made after the lock: the bytes kept are never changed.
            for (int n = 0; slot.events != null && n < slot.events.size(); n++) {
                events.add(new Event((String) slot.events.about(n), slot.events.body(n), slot.events.time(n)));
            }
            for (int n = 0; n < slot.history.size(); n++) {
                history.add(new Uplink(slot.history.time(n), (Topics.Uplink) slot.history.about(n), slot.history.body(n),
                        slot.history.raw(n)));
            }
        }
        Map<String, MeasurePoint> mp = new LinkedHashMap<>();
        points.forEach((name, v) -> mp.put(name, new MeasurePoint(name, tree(v.json()), v.quality(), v.time(), v.resumed())));
        Map<String, JsonNode> attrs = new LinkedHashMap<>();
        attributes.forEach((name, v) -> attrs.put(name, tree(v.json())));
        return new DeviceData(device, java.util.Collections.unmodifiableMap(mp),
                java.util.Collections.unmodifiableMap(attrs),
                events.stream().map(e -> new DeviceEvent(e.identifier(), tree(e.values()), e.time())).toList(),
                history.stream().map(h -> new UplinkRecord(h.receivedAt(), h.topic().path(), h.topic().method(),
                        h.body() == null ? null : tree(h.body()), h.raw())).toList());
    }

    /** Forgets everything every device reported; the drop counts stay. */
    public synchronized void clear() {
        slots.clear();
        numbered.clear();
        order.clear();
        bytes = 0;
        kept = 0;
    }

    private static boolean ownEntry(JsonNode entry, DeviceId device) {
        JsonNode pk = entry.get("productKey");
        JsonNode dk = entry.get("deviceKey");
        return (pk == null || device.productKey().equals(pk.textValue()))
                && (dk == null || device.deviceKey().equals(dk.textValue()));
    }

    private void collectPoints(Map<String, Value> into, JsonNode params, Instant now, boolean resumed) {
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
            into.put(f.getKey(), new Value(bytes(value), quality, time, resumed));
        }
    }

    /** Why adding {@code incoming} would pass {@code limit} names, or {@code null}. */
    private static String overNameLimit(Map<String, Value> current, Map<String, Value> incoming, int limit, String what) {
        int added = 0;
        String firstNew = null;
        for (String name : incoming.keySet()) {
            if (!current.containsKey(name)) {
                added++;
                if (firstNew == null) {
                    firstNew = name;
                }
            }
        }
        if (current.size() + added <= limit) {
            return null;
        }
        String shown = firstNew.length() > 64 ? firstNew.substring(0, 64) + "…" : firstNew;
        return "the device has " + current.size() + " " + what + "s and this uplink adds " + added + " more (e.g. '"
                + LogText.escape(shown) + "'); this mock keeps at most " + limit + " " + what + "s per device (limit "
                + (what.equals("attribute") ? "attributes" : "measure-points") + "), so nothing of it is stored";
    }

    private static long weightDelta(Map<String, Value> current, Map<String, Value> incoming) {
        long delta = 0;
        for (Map.Entry<String, Value> e : incoming.entrySet()) {
            delta += e.getValue().weight(e.getKey());
            Value old = current.get(e.getKey());
            if (old != null) {
                delta -= old.weight(e.getKey());
            }
        }
        return delta;
    }

    private void apply(Map<String, Value> current, Map<String, Value> incoming) {
        for (Map.Entry<String, Value> e : incoming.entrySet()) {
            Value old = current.put(e.getKey(), e.getValue());
            bytes += e.getValue().weight(e.getKey()) - (old == null ? 0 : old.weight(e.getKey()));
        }
    }

    /** Drops the oldest history records and events of any device until {@code delta} more bytes fit. */
    private boolean makeRoom(long delta) {
        long dropped = 0;
        while (bytes + delta > limits.totalBytes() && order.size() > 0) {
            int ring = order.oldestRing();
            long number = order.oldestNumber();
            order.removeOldest();
            RecordRing records = ring(ring);
            // Records numbered below the ring's first were dropped by their device already; else this is its oldest.
            if (number >= records.first()) {
                forget(records);
                dropped++;
            }
        }
        if (dropped > 0) {
            drops.limitReached("total-bytes", null, dropped + " oldest history records and events dropped to keep "
                    + "device data within " + limits.totalBytes() + " bytes (limit total-bytes)");
        }
        return bytes + delta <= limits.totalBytes();
    }

    /**
     * Keeps a history record or an event of {@code slot}, dropping the device's oldest when it has
     * {@code perDevice}. The ring copies the bytes: the caller's arrays are not kept.
     */
    private void keep(Slot slot, boolean event, Object about, byte[] body, byte[] raw, Instant at, int weight,
            int perDevice) {
        RecordRing records = event ? slot.events : slot.history;
        if (records.size() >= perDevice) {
            forget(records);
            // Once a device's history is full this happens with every uplink: the words are made only if journaled.
            drops.limitReached(event ? "events" : "history", slot.device, () -> "device " + slot.device
                    + " keeps at most " + perDevice + (event ? " events (limit events)" : " uplinks in its history "
                    + "(limit history)") + "; the oldest is dropped");
        }
        order.add(slot.ringNumber(event), records.add(about, body, raw, at, weight, perDevice));
        bytes += weight;
        kept++;
        // Entries of records dropped per device stay in the order until passed; compact it when they pile up.
        if (order.size() > 2 * kept + 1_024) {
            order.retain((r, number) -> number >= ring(r).first());
        }
    }

    /** The ring numbered {@code number} ({@link Slot#ringNumber}). */
    private RecordRing ring(int number) {
        Slot slot = numbered.get(number >>> 1);
        return (number & 1) == 0 ? slot.history : slot.events;
    }

    private void forget(RecordRing records) {
        bytes -= records.dropOldest();
        kept--;
    }

    private static Instant timeOf(JsonNode params, Instant now) {
        JsonNode time = params.get("time");
        return time != null && time.isIntegralNumber() ? Instant.ofEpochMilli(time.longValue()) : now;
    }

    private static byte[] bytes(JsonNode node) {
        // A number, boolean or null (most measure point values) is its own text: no serializer needed.
        if (node != null && (node.isIntegralNumber() || node.isDouble() || node.isBoolean() || node.isNull())) {
            return node.asText().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        try {
            return UplinkJson.MAPPER.writeValueAsBytes(node == null ? JsonNodeFactory.instance.nullNode() : node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write stored JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return UplinkJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stored JSON", e);
        }
    }
}
