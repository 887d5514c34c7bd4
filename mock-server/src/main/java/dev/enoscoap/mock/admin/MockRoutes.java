package dev.enoscoap.mock.admin;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.command.Command;
import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.command.CommandQueue;
import dev.enoscoap.mock.command.CommandReply;
import dev.enoscoap.mock.data.DeviceData;
import dev.enoscoap.mock.data.DeviceEvent;
import dev.enoscoap.mock.data.MeasurePoint;
import dev.enoscoap.mock.fault.ResponseOverride;
import dev.enoscoap.mock.journal.ExchangeEntry;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.journal.HandshakeEntry;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.JournalEntry;
import dev.enoscoap.mock.journal.ServerEvent;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.protocol.UplinkKind;
import dev.enoscoap.mock.registry.Device;
import dev.enoscoap.mock.registry.Product;
import dev.enoscoap.mock.registry.Registry;
import dev.enoscoap.mock.session.Presence;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The built-in routes: what the mock saw and holds, and what can be done to it while it runs. */
final class MockRoutes {
    private static final int KEPT_COMMANDS = 1_000;
    private static final int DEFAULT_LIMIT = 1_000;
    private static final int MAX_LIMIT = 10_000;
    private static final Map<Class<? extends JournalEntry>, String> KINDS = Map.of(HandshakeEntry.class, "handshake",
            ExchangeEntry.class, "request", StateChange.class, "state", FaultEntry.class, "fault");

    private final EnosMockServer mock;
    private final ObjectMapper json = AdminJson.mapper();
    /** Commands queued through this endpoint, so their status can be asked for by id; the oldest are forgotten. */
    private final Map<String, CommandHandle> commands = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CommandHandle> eldest) {
            return size() > KEPT_COMMANDS;
        }
    };

    MockRoutes(EnosMockServer mock) {
        this.mock = mock;
    }

    /** The route table's built-in part. */
    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get("/health", "Liveness: the admin endpoint answers", this::health).withoutToken(),
                AdminRoute.get("/ready", "Readiness: the CoAP/DTLS server is serving (503 when it is not)", this::ready)
                        .withoutToken(),
                AdminRoute.get("/journal", "Journal entries as JSON, filtered by since, device, kind and limit",
                        this::journal),
                AdminRoute.get("/devices", "The registry's devices with presence; never secrets or keys", this::devices),
                AdminRoute.get("/devices/{productKey}/{deviceKey}",
                        "One device: registry state, presence, what it reported, its open commands", this::device),
                AdminRoute.post("/devices/{productKey}/{deviceKey}/commands", "Queue a downlink command (EC-12)",
                        this::queueCommand),
                AdminRoute.get("/commands/{id}", "Status of a command queued here, with the device's reply",
                        this::command),
                AdminRoute.get("/forwarding", "Delivery counts per business server (EC-14)",
                        r -> {
                            r.allowOnlyQuery();
                            return AdminResponse.json(Map.of("targets", mock.forwarding()));
                        }),
                AdminRoute.post("/faults/response", "Script the response on a path: code, payload, delay, times",
                        this::responseFault),
                AdminRoute.post("/faults/drop-requests", "Drop a device's next N requests without a response",
                        this::dropRequests),
                AdminRoute.post("/faults/refuse-handshakes", "Refuse a device's next N handshakes",
                        this::refuseHandshakes),
                AdminRoute.post("/faults/forget-session", "Forget a device's DTLS session now, without an alert",
                        this::forgetSession),
                AdminRoute.delete("/faults", "Remove every scripted fault not yet applied", this::clearFaults),
                AdminRoute.post("/reset", "Empty the journal, device data, faults and command queue", this::reset));
    }

    // --- probes ---

    private AdminResponse health(AdminRequest request) {
        request.allowOnlyQuery();
        return AdminResponse.json(Map.of("status", "UP"));
    }

    private AdminResponse ready(AdminRequest request) {
        request.allowOnlyQuery();
        if (!mock.isRunning()) {
            return AdminResponse.json(503, Map.of("status", "NOT_READY", "reason", "the CoAP/DTLS server is stopped"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "READY");
        body.put("coaps", mock.coapsUri().toString());
        body.put("devices", mock.registry().devices().size());
        return AdminResponse.json(body);
    }

    // --- journal ---

    private AdminResponse journal(AdminRequest request) {
        request.allowOnlyQuery("since", "device", "kind", "limit");
        long since = request.query("since").map(v -> number("since", v, 0, Long.MAX_VALUE)).orElse(0L);
        int limit = request.query("limit").map(v -> (int) number("limit", v, 1, MAX_LIMIT)).orElse(DEFAULT_LIMIT);
        Optional<DeviceId> device = request.query("device").map(MockRoutes::deviceId);
        Set<String> kinds = new LinkedHashSet<>();
        request.query("kind").ifPresent(v -> {
            for (String k : v.split(",")) {
                if (!KINDS.containsValue(k)) {
                    throw AdminException.badRequest("kind '" + k + "' is not a journal entry kind; one of: "
                            + "handshake, request, state, fault").with("parameter", "kind");
                }
                kinds.add(k);
            }
        });
        Journal journal = mock.journal();
        List<ObjectNode> entries = new ArrayList<>();
        boolean truncated = false;
        long last = since;
        for (JournalEntry e : journal.entries()) {
            if (e.sequence() <= since || (!kinds.isEmpty() && !kinds.contains(kindOf(e)))
                    || (device.isPresent() && !device.get().equals(deviceOf(e)))) {
                continue;
            }
            if (entries.size() == limit) {
                truncated = true;
                break;
            }
            entries.add(view(e));
            last = e.sequence();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recorded", journal.recorded());
        body.put("dropped", journal.dropped());
        body.put("capacity", journal.capacity());
        body.put("last", last);
        body.put("truncated", truncated);
        body.put("entries", entries);
        return AdminResponse.json(body);
    }

    /** An entry as JSON: sequence, time, kind, device and the log line first, then all its fields. */
    private ObjectNode view(JournalEntry e) {
        ObjectNode n = json.createObjectNode();
        n.put("sequence", e.sequence());
        n.put("time", e.time().toString());
        n.put("kind", kindOf(e));
        DeviceId device = deviceOf(e);
        if (device == null) {
            n.putNull("device");
        } else {
            n.put("device", device.toString());
        }
        n.put("line", e.describe());
        JsonNode fields = json.valueToTree(e);
        fields.fields().forEachRemaining(f -> {
            if (!n.has(f.getKey())) {
                n.set(f.getKey(), f.getValue());
            } else if (f.getKey().equals("kind")) {
                // A state change's or fault's own kind (ONLINE, REQUEST_DROPPED, ...).
                n.set(n.path("kind").asText().equals("state") ? "change" : "fault", f.getValue());
            }
        });
        return n;
    }

    private static String kindOf(JournalEntry e) {
        return KINDS.getOrDefault(e.getClass(), e.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
    }

    /** The device of a handshake, request, state change or fault; server events are listed for no device. */
    private static DeviceId deviceOf(JournalEntry e) {
        return e instanceof ServerEvent ? null : e.device();
    }

    // --- devices ---

    private AdminResponse devices(AdminRequest request) {
        request.allowOnlyQuery();
        Registry registry = mock.registry();
        List<Map<String, Object>> products = new ArrayList<>();
        for (Product p : registry.products()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("productKey", p.productKey());
            m.put("dynamicActivation", p.dynamicActivation());
            m.put("hasSecret", p.hasSecret());
            products.add(m);
        }
        List<Map<String, Object>> devices = new ArrayList<>();
        for (Device d : registry.devices()) {
            devices.add(summary(d));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("registry", registry.source());
        body.put("products", products);
        body.put("devices", devices);
        return AdminResponse.json(body);
    }

    /** A device as the registry and presence see it; its secret only as {@code hasSecret}. */
    private Map<String, Object> summary(Device d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", d.id().toString());
        m.put("productKey", d.id().productKey());
        m.put("deviceKey", d.id().deviceKey());
        m.put("assetId", d.assetId());
        m.put("activated", d.activated());
        m.put("hasSecret", d.hasSecret());
        Optional<Presence> presence = mock.presence().presence(d.id());
        m.put("online", presence.map(Presence::online).orElse(false));
        m.put("lastSeen", presence.map(Presence::lastSeen).orElse(null));
        return m;
    }

    private AdminResponse device(AdminRequest request) {
        request.allowOnlyQuery();
        Device d = registered(new DeviceId(request.pathParameter("productKey"), request.pathParameter("deviceKey")));
        Map<String, Object> body = summary(d);
        Optional<Presence> presence = mock.presence().presence(d.id());
        body.put("lifetimeSeconds", presence.map(Presence::lifetimeSeconds).orElse(null));
        body.put("expiresAt", presence.map(Presence::expiresAt).orElse(null));
        DeviceData data = mock.deviceData(d.id());
        Map<String, Object> points = new LinkedHashMap<>();
        for (MeasurePoint mp : data.measurePoints().values()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("value", mp.value());
            p.put("quality", mp.quality());
            p.put("time", mp.time());
            p.put("resumed", mp.resumed());
            points.put(mp.identifier(), p);
        }
        body.put("measurepoints", points);
        body.put("attributes", data.attributes());
        List<Map<String, Object>> events = new ArrayList<>();
        for (DeviceEvent e : data.events()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("identifier", e.identifier());
            m.put("time", e.time());
            m.put("values", e.values());
            events.add(m);
        }
        body.put("events", events);
        body.put("uplinks", data.history().size());
        body.put("commands", mock.commands().open(d.id()).stream().map(MockRoutes::describe).toList());
        return AdminResponse.json(body);
    }

    // --- commands ---

    /**
     * The body of {@code POST /devices/{pk}/{dk}/commands}: one type per {@code kind}, each
     * made into a command by the {@link Command} factory of that kind.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = SetMeasurePoints.class, name = "measurepoint.set"),
        @JsonSubTypes.Type(value = GetMeasurePoints.class, name = "measurepoint.get"),
        @JsonSubTypes.Type(value = InvokeService.class, name = "service"),
        @JsonSubTypes.Type(value = DownRaw.class, name = "down_raw")})
    sealed interface CommandBody permits SetMeasurePoints, GetMeasurePoints, InvokeService, DownRaw {
        Command command();

        Long timeoutSeconds();
    }

    record SetMeasurePoints(Map<String, Object> params, Long timeoutSeconds) implements CommandBody {
        SetMeasurePoints {
            if (params == null) {
                throw new IllegalArgumentException("measurepoint.set needs \"params\": the values to set, e.g. {\"switch\":1}");
            }
        }

        @Override
        public Command command() {
            return Command.setMeasurePoints(params);
        }
    }

    record GetMeasurePoints(List<String> measurepoints, Long timeoutSeconds) implements CommandBody {
        GetMeasurePoints {
            if (measurepoints == null) {
                throw new IllegalArgumentException("measurepoint.get needs \"measurepoints\": the identifiers to read, "
                        + "e.g. [\"temp\"]");
            }
        }

        @Override
        public Command command() {
            return Command.getMeasurePoints(measurepoints);
        }
    }

    record InvokeService(String identifier, Map<String, Object> params, Long timeoutSeconds) implements CommandBody {
        @Override
        public Command command() {
            return Command.invokeService(identifier, params == null ? Map.of() : params);
        }
    }

    record DownRaw(String base64, Long timeoutSeconds) implements CommandBody {
        DownRaw {
            if (base64 == null) {
                throw new IllegalArgumentException("down_raw needs \"base64\": the bytes to send, in base64");
            }
        }

        @Override
        public Command command() {
            try {
                return Command.downRaw(Base64.getDecoder().decode(base64));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("\"base64\" is not base64: " + e.getMessage(), e);
            }
        }
    }

    private AdminResponse queueCommand(AdminRequest request) {
        request.allowOnlyQuery();
        Device d = registered(new DeviceId(request.pathParameter("productKey"), request.pathParameter("deviceKey")));
        CommandBody body = request.body(CommandBody.class);
        CommandHandle handle;
        try {
            Duration timeout = body.timeoutSeconds() == null ? CommandQueue.DEFAULT_TIMEOUT
                    : Duration.ofSeconds(body.timeoutSeconds());
            handle = mock.commands().send(d.id(), body.command(), timeout);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("the command for " + d.id() + " breaks a rule: " + e.getMessage());
        }
        synchronized (commands) {
            commands.put(handle.id(), handle);
        }
        return AdminResponse.json(202, describe(handle)).header("Location", "/commands/" + handle.id());
    }

    private AdminResponse command(AdminRequest request) {
        request.allowOnlyQuery();
        String id = request.pathParameter("id");
        CommandHandle handle;
        synchronized (commands) {
            handle = commands.get(id);
        }
        if (handle == null) {
            throw AdminException.notFound("no command " + id + " was queued through this admin endpoint (the last "
                    + KEPT_COMMANDS + " are kept)");
        }
        return AdminResponse.json(describe(handle));
    }

    private static Map<String, Object> describe(CommandHandle h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("device", h.device().toString());
        m.put("topic", h.path());
        m.put("method", h.command().kind().method(h.command().identifier()));
        m.put("status", h.status().name());
        m.put("fetched", h.deliveries());
        m.put("queuedAt", h.queuedAt());
        m.put("expiresAt", h.expiresAt());
        if (h.reply().isDone() && !h.reply().isCompletedExceptionally()) {
            CommandReply r = h.reply().join();
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("code", r.code());
            reply.put("data", r.data());
            if (r.raw() != null) {
                reply.put("base64", Base64.getEncoder().encodeToString(r.raw()));
            }
            reply.put("receivedAt", r.receivedAt());
            m.put("reply", reply);
        }
        return m;
    }

    // --- faults ---

    /**
     * A scripted response, field by field the {@link ResponseOverride} of the Java API. Without
     * {@code code} the real code is kept; without {@code payload} the real payload is kept, unless
     * a code is given (then the payload is empty, as {@link ResponseOverride#code(String)}).
     */
    record ResponseFault(String path, String code, String payload, Integer contentFormat, Long delayMillis,
            Integer times) {
        ResponseFault {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("\"path\" is required: the request path to answer differently, "
                        + "e.g. " + Topics.uplinkPath(UplinkKind.MEASUREPOINT_POST, new DeviceId("pk", "dk")));
            }
        }

        ResponseOverride override() {
            byte[] bytes = payload != null ? payload.getBytes(StandardCharsets.UTF_8) : code != null ? new byte[0] : null;
            int format = contentFormat != null ? contentFormat : payload != null ? 50 : -1;
            return new ResponseOverride(code, bytes, format, Duration.ofMillis(delayMillis == null ? 0 : delayMillis),
                    times == null ? 1 : times);
        }
    }

    /** A device and how many of its next requests or handshakes a fault takes (default 1). */
    record DeviceCount(String device, Integer count) {
    }

    /** A device. */
    record DeviceOnly(String device) {
    }

    private AdminResponse responseFault(AdminRequest request) {
        request.allowOnlyQuery();
        ResponseFault fault = request.body(ResponseFault.class);
        ResponseOverride override;
        try {
            override = fault.override();
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("the response fault breaks a rule: " + e.getMessage());
        }
        mock.faults().overrideResponse(fault.path(), override);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fault", "response");
        body.put("path", fault.path());
        body.put("override", override.toString());
        return AdminResponse.json(body);
    }

    private AdminResponse dropRequests(AdminRequest request) {
        return counted(request, "drop-requests", (device, n) -> mock.faults().dropNextRequests(device, n));
    }

    private AdminResponse refuseHandshakes(AdminRequest request) {
        return counted(request, "refuse-handshakes", (device, n) -> mock.faults().refuseNextHandshakes(device, n));
    }

    private AdminResponse counted(AdminRequest request, String fault, java.util.function.ObjIntConsumer<DeviceId> apply) {
        request.allowOnlyQuery();
        DeviceCount body = request.body(DeviceCount.class);
        Device d = registered(requiredDevice(body.device()));
        int n = body.count() == null ? 1 : body.count();
        if (n < 1) {
            throw AdminException.badRequest("\"count\" must be at least 1, was " + n).with("field", "count");
        }
        apply.accept(d.id(), n);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fault", fault);
        out.put("device", d.id().toString());
        out.put("count", n);
        return AdminResponse.json(out);
    }

    private AdminResponse forgetSession(AdminRequest request) {
        request.allowOnlyQuery();
        Device d = registered(requiredDevice(request.body(DeviceOnly.class).device()));
        mock.faults().forgetSession(d.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fault", "forget-session");
        body.put("device", d.id().toString());
        return AdminResponse.json(body);
    }

    private AdminResponse clearFaults(AdminRequest request) {
        request.allowOnlyQuery();
        mock.faults().clear();
        return AdminResponse.noContent();
    }

    // --- reset ---

    private AdminResponse reset(AdminRequest request) {
        request.allowOnlyQuery();
        if (request.hasBody()) {
            throw AdminException.badRequest("POST /reset takes no body");
        }
        mock.reset();
        synchronized (commands) {
            commands.clear();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reset", List.of("journal", "deviceData", "faults", "commands"));
        body.put("at", Instant.now(mock.clock()).toString());
        return AdminResponse.json(body);
    }

    // --- helpers ---

    private Device registered(DeviceId id) {
        return mock.registry().device(id).orElseThrow(() -> AdminException.notFound("device " + id
                + " is not in registry " + mock.registry().source()).with("device", id.toString()));
    }

    private static DeviceId requiredDevice(String text) {
        if (text == null) {
            throw AdminException.badRequest("\"device\" is required: productKey/deviceKey, e.g. demoProduct/dev01")
                    .with("field", "device");
        }
        return deviceId(text);
    }

    private static DeviceId deviceId(String text) {
        try {
            return DeviceId.parse(text);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest(e.getMessage()).with("device", text);
        }
    }

    private static long number(String name, String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw AdminException.badRequest("query parameter '" + name + "' must be a whole number, was '" + value + "'")
                    .with("parameter", name);
        }
        if (n < min || n > max) {
            throw AdminException.badRequest("query parameter '" + name + "' must be " + min + ".." + max + ", was " + n)
                    .with("parameter", name);
        }
        return n;
    }
}
