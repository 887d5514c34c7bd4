package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The measure points of the most common uplink, read in one streaming pass without a JSON tree:
 * a {@code thing.measurepoint.post} (or {@code resume}) whose body is valid and whose values are
 * all plain (numbers, strings, booleans, null), the shape nearly every device sends many times a
 * second.
 *
 * <p>{@link #read} only ever says yes to a body that {@link UplinkValidator}'s tree check accepts,
 * and then gives what that check would have given: the same {@code id}, the same values (as the
 * same JSON nodes, in body order, the last of a repeated name winning in the place of the first),
 * the same {@code time}. For anything else it says {@code null}, and the body takes the tree's way,
 * which gives every refusal its words: a missing or odd member, a value with a quality or a
 * structure, a repeated envelope member, a number not finite as a double, content after the
 * object, a broken body.
 *
 * @param id the request's {@code id}, as the tree would hold it
 * @param values measure point name to its value, in body order
 * @param time {@code params.time} in epoch milliseconds, or {@code null} when absent
 */
@API(status = INTERNAL, since = "0.1")
public record PlainMeasurePoints(JsonNode id, Map<String, JsonNode> values, Long time) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Whether uplinks of {@code kind} may be read this way: one device's measure points, not a batch. */
    static boolean reads(UplinkKind kind) {
        return kind == UplinkKind.MEASUREPOINT_POST || kind == UplinkKind.MEASUREPOINT_RESUME;
    }

    /**
     * What a measure point post to {@code topic} reports, or {@code null} when the body is not of
     * the plain shape or not strict UTF-8 (then the tree's check decides).
     */
    static PlainMeasurePoints read(Topics.Uplink topic, byte[] payload) {
        if (!UplinkJson.isStrictUtf8(payload)) {
            return null;
        }
        try (JsonParser p = UplinkJson.MAPPER.getFactory().createParser(payload)) {
            return read(topic, p);
        } catch (IOException | RuntimeException e) {
            return null; // the tree's way says what is wrong
        }
    }

    private static PlainMeasurePoints read(Topics.Uplink topic, JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        JsonNode id = null;
        boolean version = false;
        boolean method = false;
        Params params = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "id" -> {
                    if (id != null) {
                        return null;
                    }
                    id = t == JsonToken.VALUE_STRING ? NODES.textNode(p.getText()) : t == JsonToken.VALUE_NUMBER_INT ? integer(p) : null;
                    if (id == null) {
                        return null;
                    }
                }
                case "version" -> {
                    if (version || t != JsonToken.VALUE_STRING || !"1.0".equals(p.getText())) {
                        return null;
                    }
                    version = true;
                }
                case "method" -> {
                    if (method || t != JsonToken.VALUE_STRING || !topic.method().equals(p.getText())) {
                        return null;
                    }
                    method = true;
                }
                case "params" -> {
                    if (params != null || t != JsonToken.START_OBJECT) {
                        return null;
                    }
                    params = params(p);
                    if (params == null) {
                        return null;
                    }
                }
                default -> {
                    if (plainValue(p, t) == null) { // a member of no meaning here; a structure is the tree's to judge
                        return null;
                    }
                }
            }
        }
        // The object must be all there is: whatever follows is the tree's to judge.
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            return null;
        }
        if (id == null || !version || !method || params == null) {
            return null;
        }
        return new PlainMeasurePoints(id, params.values, params.time);
    }

    private record Params(Map<String, JsonNode> values, Long time) {
    }

    private static Params params(JsonParser p) throws IOException {
        Map<String, JsonNode> values = null;
        Long time = null;
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "measurepoints" -> {
                    if (values != null || t != JsonToken.START_OBJECT) {
                        return null;
                    }
                    values = new LinkedHashMap<>(4);
                    for (String point = p.nextFieldName(); point != null; point = p.nextFieldName()) {
                        JsonNode value = plainValue(p, p.nextToken());
                        if (value == null) {
                            return null;
                        }
                        values.put(point, value);
                    }
                }
                case "time" -> {
                    if (time != null || t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return null;
                    }
                    time = p.getLongValue();
                }
                default -> {
                    if (plainValue(p, t) == null) {
                        return null;
                    }
                }
            }
        }
        return values == null ? null : new Params(values, time);
    }

    /** A plain value as the tree holds it, or {@code null} for a structure or a number not finite. */
    private static JsonNode plainValue(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> integer(p);
            case VALUE_NUMBER_FLOAT -> {
                double d = p.getDoubleValue();
                yield Double.isFinite(d) ? NODES.numberNode(d) : null;
            }
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> null;
        };
    }

    private static JsonNode integer(JsonParser p) throws IOException {
        return switch (p.getNumberType()) {
            case INT -> NODES.numberNode(p.getIntValue());
            case LONG -> NODES.numberNode(p.getLongValue());
            default -> NODES.numberNode(p.getBigIntegerValue());
        };
    }
}
