package dev.enoscoap.mock.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.enoscoap.mock.EnosMockServer;
import dev.enoscoap.mock.command.Command;
import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.command.CommandQueue;
import dev.enoscoap.mock.command.CommandReply;
import dev.enoscoap.mock.data.DeviceData;
import dev.enoscoap.mock.forward.ForwardingStats;
import dev.enoscoap.mock.protocol.DeviceId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A small HTTP endpoint of the standalone server, for queuing commands and looking at what
 * devices reported while it runs. JSON in, JSON out.
 *
 * <pre>
 * POST /devices/{productKey}/{deviceKey}/commands   queue a command, answers 202 with its id and topic
 *      {"kind":"measurepoint.set","params":{"switch":1},"timeoutSeconds":300}
 *      {"kind":"measurepoint.get","measurepoints":["temp"]}
 *      {"kind":"service","identifier":"reboot","params":{"delay":5}}
 *      {"kind":"down_raw","base64":"AQID"}
 * GET  /commands/{id}                               the command's status and the device's reply
 * GET  /devices/{productKey}/{deviceKey}            presence, measure points, attributes, events
 * GET  /forwarding                                  delivery counts per business server
 * GET  /journal                                     the journal, one entry a line (text)
 * </pre>
 */
final class AdminServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEPT_COMMANDS = 1_000;

    private final EnosMockServer mock;
    private final HttpServer http;
    private final Map<String, CommandHandle> commands = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CommandHandle> eldest) {
            return size() > KEPT_COMMANDS;
        }
    };

    AdminServer(EnosMockServer mock, InetSocketAddress address) throws IOException {
        this.mock = mock;
        this.http = HttpServer.create(address, 0);
        http.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "enos-mock-admin");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/", this::handle);
        http.start();
    }

    InetSocketAddress address() {
        return http.getAddress();
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String[] path = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
            String method = exchange.getRequestMethod();
            if (path.length == 4 && path[0].equals("devices") && path[3].equals("commands") && method.equals("POST")) {
                queue(exchange, new DeviceId(path[1], path[2]));
            } else if (path.length == 2 && path[0].equals("commands") && method.equals("GET")) {
                command(exchange, path[1]);
            } else if (path.length == 3 && path[0].equals("devices") && method.equals("GET")) {
                device(exchange, new DeviceId(path[1], path[2]));
            } else if (path.length == 1 && path[0].equals("forwarding") && method.equals("GET")) {
                forwarding(exchange);
            } else if (path.length == 1 && path[0].equals("journal") && method.equals("GET")) {
                send(exchange, 200, "text/plain; charset=utf-8", mock.journal().dump().getBytes(StandardCharsets.UTF_8));
            } else {
                error(exchange, 404, "no such admin endpoint: " + method + " " + exchange.getRequestURI().getPath()
                        + "; see the README's admin section");
            }
        } catch (BadRequest e) {
            error(exchange, 400, e.getMessage());
        } catch (RuntimeException e) {
            error(exchange, 500, "the admin endpoint failed: " + e);
        } finally {
            exchange.close();
        }
    }

    private void queue(HttpExchange exchange, DeviceId device) throws IOException {
        if (mock.registry().device(device).isEmpty()) {
            error(exchange, 404, "device " + device + " is not in registry " + mock.registry().source());
            return;
        }
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in);
        } catch (IOException e) {
            throw new BadRequest("the body is not JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest("the body must be a JSON object with \"kind\"");
        }
        Command command = commandOf(body);
        long timeout = body.path("timeoutSeconds").asLong(CommandQueue.DEFAULT_TIMEOUT.toSeconds());
        if (timeout < 1) {
            throw new BadRequest("\"timeoutSeconds\" must be at least 1, was " + timeout);
        }
        CommandHandle handle = mock.commands().send(device, command, Duration.ofSeconds(timeout));
        synchronized (commands) {
            commands.put(handle.id(), handle);
        }
        send(exchange, 202, describe(handle));
    }

    private static Command commandOf(JsonNode body) {
        String kind = body.path("kind").asText("");
        JsonNode params = body.get("params");
        switch (kind) {
            case "measurepoint.set":
                requireObject(params, "params");
                return new Command(dev.enoscoap.mock.protocol.CommandKind.MEASUREPOINT_SET, null, params, null);
            case "measurepoint.get": {
                JsonNode names = body.get("measurepoints");
                if (names == null || !names.isArray()) {
                    throw new BadRequest("\"measurepoints\" must be an array of measure point identifiers");
                }
                List<String> list = new ArrayList<>();
                names.forEach(n -> list.add(n.asText()));
                return Command.getMeasurePoints(list);
            }
            case "service": {
                String identifier = body.path("identifier").asText("");
                if (identifier.isEmpty() || identifier.contains("/")) {
                    throw new BadRequest("\"identifier\" must name the service, without '/'");
                }
                return new Command(dev.enoscoap.mock.protocol.CommandKind.SERVICE, identifier,
                        params == null ? JsonNodeFactory.instance.objectNode() : params, null);
            }
            case "down_raw":
                try {
                    return Command.downRaw(Base64.getDecoder().decode(body.path("base64").asText("")));
                } catch (IllegalArgumentException e) {
                    throw new BadRequest("\"base64\" must be the bytes in base64: " + e.getMessage());
                }
            default:
                throw new BadRequest("\"kind\" must be one of measurepoint.set, measurepoint.get, service, down_raw; was '"
                        + kind + "'");
        }
    }

    private static void requireObject(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            throw new BadRequest("\"" + name + "\" must be a JSON object");
        }
    }

    private void command(HttpExchange exchange, String id) throws IOException {
        CommandHandle handle;
        synchronized (commands) {
            handle = commands.get(id);
        }
        if (handle == null) {
            error(exchange, 404, "no command " + id + " was queued through this endpoint");
            return;
        }
        send(exchange, 200, describe(handle));
    }

    private static ObjectNode describe(CommandHandle h) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", h.id());
        n.put("device", h.device().toString());
        n.put("topic", h.path());
        n.put("status", h.status().name());
        n.put("fetched", h.deliveries());
        n.put("expiresAt", h.expiresAt().toString());
        if (h.reply().isDone() && !h.reply().isCompletedExceptionally()) {
            CommandReply r = h.reply().join();
            ObjectNode reply = n.putObject("reply");
            reply.put("code", r.code());
            reply.set("data", r.data());
            if (r.raw() != null) {
                reply.put("base64", Base64.getEncoder().encodeToString(r.raw()));
            }
        }
        return n;
    }

    private void device(HttpExchange exchange, DeviceId device) throws IOException {
        if (mock.registry().device(device).isEmpty()) {
            error(exchange, 404, "device " + device + " is not in registry " + mock.registry().source());
            return;
        }
        DeviceData data = mock.deviceData(device);
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("device", device.toString());
        n.put("online", mock.presence().isOnline(device));
        ObjectNode mps = n.putObject("measurepoints");
        data.measurePoints().forEach((k, v) -> {
            ObjectNode mp = mps.putObject(k);
            mp.set("value", v.value());
            if (v.quality() != null) {
                mp.put("quality", v.quality());
            }
            mp.put("time", v.time().toString());
        });
        ObjectNode attrs = n.putObject("attributes");
        data.attributes().forEach(attrs::set);
        ArrayNode events = n.putArray("events");
        data.events().forEach(e -> events.addObject().put("identifier", e.identifier()).put("time", e.time().toString())
                .set("values", e.values()));
        send(exchange, 200, n);
    }

    private void forwarding(HttpExchange exchange) throws IOException {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (ForwardingStats s : mock.forwarding()) {
            list.addObject().put("target", s.target().toString()).put("delivered", s.delivered())
                    .put("retries", s.retries()).put("droppedQueueFull", s.droppedQueueFull())
                    .put("droppedAfterRetries", s.droppedAfterRetries()).put("queued", s.queued())
                    .put("lastError", s.lastError());
        }
        send(exchange, 200, list);
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("error", message);
        send(exchange, status, n);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }
}
