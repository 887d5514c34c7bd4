package dev.enoscoap.mock.admin;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.enoscoap.mock.protocol.DeviceId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The admin endpoint's JSON: one strict mapper, and error messages that name the field. */
final class AdminJson {
    private AdminJson() {
    }

    /**
     * A mapper that refuses unknown fields, trailing data, duplicate keys, floats for integers and
     * strings for numbers or booleans; and writes times as ISO-8601, devices as {@code pk/dk} and
     * addresses as {@code host:port}.
     */
    static ObjectMapper mapper() {
        SimpleModule module = new SimpleModule("enos-admin");
        module.addSerializer(Instant.class, ToStringSerializer.instance);
        module.addSerializer(Duration.class, ToStringSerializer.instance);
        module.addSerializer(DeviceId.class, ToStringSerializer.instance);
        module.addSerializer(InetAddress.class, new StdSerializer<>(InetAddress.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(InetAddress value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.getHostAddress());
            }
        });
        module.addSerializer(InetSocketAddress.class, new StdSerializer<>(InetSocketAddress.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(InetSocketAddress value, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                gen.writeString(hostPort(value));
            }
        });
        return JsonMapper.builder()
                .addModule(module)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    /** {@code host:port}, IPv6 in brackets. */
    static String hostPort(InetSocketAddress address) {
        InetAddress a = address.getAddress();
        String host = a == null ? address.getHostString() : a.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Reads {@code body} as {@code type}; every failure becomes a 400 naming the field and the rule. */
    static <T> T read(ObjectMapper json, byte[] body, Class<T> type, String what) {
        try {
            return json.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            TreeSet<String> known = new TreeSet<>();
            if (e.getKnownPropertyIds() != null) {
                e.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            typeProperty(e.getReferringClass()).ifPresent(known::add);
            String field = at(e, e.getPropertyName());
            throw AdminException.badRequest("unknown field '" + field + "' in the body of " + what
                    + (known.isEmpty() ? "" : "; known fields here: " + String.join(", ", known))).with("field", field);
        } catch (InvalidTypeIdException e) {
            String property = typeProperty(e);
            String names = subtypeNames(e);
            String message = e.getTypeId() == null
                    ? "the body of " + what + " needs field '" + property + "'"
                    : "'" + property + "' is '" + e.getTypeId() + "' in the body of " + what + ", which is not a known "
                            + property;
            throw AdminException.badRequest(message + (names.isEmpty() ? "" : "; one of: " + names)).with("field", property);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String field = at(e, null);
            throw withField(AdminException.badRequest("the body of " + what + " breaks a rule" + (field.isEmpty() ? ""
                    : " at '" + field + "'") + ": " + cause.getMessage()), field);
        } catch (JsonMappingException e) {
            String field = at(e, null);
            throw withField(AdminException.badRequest("the body of " + what + " does not fit" + (field.isEmpty() ? ""
                    : " at '" + field + "'") + ": " + jacksonReason(e.getOriginalMessage())), field);
        } catch (JsonProcessingException e) {
            throw AdminException.badRequest("the body of " + what + " is not JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw AdminException.badRequest("the body of " + what + " cannot be read: " + e.getMessage());
        }
    }

    /** The JSON path of the failure, e.g. {@code params.switch}, ending with {@code last} if not there yet. */
    private static String at(JsonMappingException e, String last) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                parts.add(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                parts.add("[" + r.getIndex() + "]");
            }
        }
        if (last != null && (parts.isEmpty() || !parts.get(parts.size() - 1).equals(last))) {
            parts.add(last);
        }
        return String.join(".", parts).replace(".[", "[");
    }

    private static AdminException withField(AdminException e, String field) {
        return field.isEmpty() ? e : e.with("field", field);
    }

    /** Jackson's reason without its advice about its own configuration. */
    private static String jacksonReason(String message) {
        String line = firstLine(message);
        int advice = line.indexOf(" (but ");
        return advice < 0 ? line : line.substring(0, advice);
    }

    /** The type property ({@code kind}) of a polymorphic body type, which Jackson does not list as a known field. */
    private static java.util.Optional<String> typeProperty(Class<?> type) {
        if (type == null) {
            return java.util.Optional.empty();
        }
        for (Class<?> i : type.getInterfaces()) {
            com.fasterxml.jackson.annotation.JsonTypeInfo info = i.getAnnotation(com.fasterxml.jackson.annotation.JsonTypeInfo.class);
            if (info != null && !info.property().isEmpty()) {
                return java.util.Optional.of(info.property());
            }
        }
        return java.util.Optional.empty();
    }

    private static String typeProperty(InvalidTypeIdException e) {
        com.fasterxml.jackson.annotation.JsonTypeInfo info = e.getBaseType() == null ? null
                : e.getBaseType().getRawClass().getAnnotation(com.fasterxml.jackson.annotation.JsonTypeInfo.class);
        return info == null || info.property().isEmpty() ? "type" : info.property();
    }

    private static String subtypeNames(InvalidTypeIdException e) {
        JsonSubTypes subtypes = e.getBaseType() == null ? null
                : e.getBaseType().getRawClass().getAnnotation(JsonSubTypes.class);
        if (subtypes == null) {
            return "";
        }
        return java.util.Arrays.stream(subtypes.value()).map(JsonSubTypes.Type::name).collect(Collectors.joining(", "));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
