package dev.enoscoap.mock.command;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.mock.protocol.CommandKind;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A downlink command to queue for a device (EC-12).
 *
 * @param kind which command
 * @param identifier the service identifier for {@link CommandKind#SERVICE}, else {@code null}
 * @param params the {@code params} of the command JSON, or {@code null} for raw commands
 * @param raw the bytes of a {@link CommandKind#DOWN_RAW} command, else {@code null}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Command(CommandKind kind, String identifier, JsonNode params, byte[] raw) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Command {
        Objects.requireNonNull(kind, "kind");
        if (kind == CommandKind.SERVICE && (identifier == null || identifier.isEmpty() || identifier.contains("/"))) {
            throw new IllegalArgumentException("a service command needs an identifier without '/', was " + identifier);
        }
        if (kind == CommandKind.DOWN_RAW && raw == null) {
            throw new IllegalArgumentException("a down_raw command needs its bytes");
        }
    }

    /** Set measure points to values, e.g. {@code Map.of("switch", 1)}. */
    public static Command setMeasurePoints(Map<String, ?> values) {
        return new Command(CommandKind.MEASUREPOINT_SET, null, JSON.valueToTree(values), null);
    }

    /** Ask the device for measure points. */
    public static Command getMeasurePoints(Collection<String> identifiers) {
        ArrayNode names = JsonNodeFactory.instance.arrayNode();
        identifiers.forEach(names::add);
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        params.set("measurepoints", names);
        return new Command(CommandKind.MEASUREPOINT_GET, null, params, null);
    }

    /** Invoke the service {@code identifier} with input parameters. */
    public static Command invokeService(String identifier, Map<String, ?> input) {
        return new Command(CommandKind.SERVICE, identifier, JSON.valueToTree(input), null);
    }

    /** Send raw bytes on {@code thing/model/down_raw}. */
    public static Command downRaw(byte[] bytes) {
        return new Command(CommandKind.DOWN_RAW, null, null, bytes.clone());
    }
}
