package dev.enoscoap.mock.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.enoscoap.mock.protocol.DeviceId;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the registry file format and checks every rule before anything is built, so a server
 * never starts half-configured.
 *
 * <pre>{@code
 * {"products": [
 *   {"productKey": "pk", "productSecret": "ps", "dynamicActivation": true,
 *    "devices": [ {"deviceKey": "dk1", "deviceSecret": "ds1", "assetId": "a1"}, {"deviceKey": "dk2"} ]}
 * ]}
 * }</pre>
 *
 * <p>The file is read with Jackson's streaming parser into plain maps and lists: a registry
 * needs no data binding, and a server that starts without it is ready sooner.
 */
final class RegistryLoader {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    /** A JSON {@code null}, told apart from an absent member. */
    private static final Object NULL = new Object();
    private static final Set<String> ROOT_FIELDS = Set.of("products");
    private static final Set<String> PRODUCT_FIELDS = Set.of("productKey", "productSecret", "dynamicActivation", "devices");
    private static final Set<String> DEVICE_FIELDS = Set.of("deviceKey", "deviceSecret", "assetId");

    private final String source;

    private RegistryLoader(String source) {
        this.source = source;
    }

    /** Reads the registry from {@code in}; {@code source} names it in error messages. */
    static Map<String, Registry.ProductEntry> read(String source, InputStream in) {
        Object root;
        try (JsonParser parser = JSON.createParser(in)) {
            JsonToken first = parser.nextToken();
            root = first == null ? null : value(parser, first);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new RegistryException("registry " + source + where + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RegistryException("registry " + source + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new RegistryException("registry " + source + ": the file is empty; expected {\"products\": [...]}");
        }
        return new RegistryLoader(source).products(root);
    }

    /** The value starting at {@code token}: a map (in file order), a list, a string, a boolean, a number or {@link #NULL}. */
    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    requireMore(parser, t);
                    String name = parser.currentName();
                    map.put(name, value(parser, parser.nextToken()));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    requireMore(parser, t);
                    list.add(value(parser, t));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return NULL;
            }
            default -> {
                return parser.getNumberValue();
            }
        }
    }

    private static void requireMore(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new com.fasterxml.jackson.core.JsonParseException(parser, "Unexpected end-of-input");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object node) {
        return (Map<String, Object>) node;
    }

    private Map<String, Registry.ProductEntry> products(Object root) {
        requireObject(root, "", "the registry must be a JSON object {\"products\": [...]}");
        onlyKnownFields(object(root), "", ROOT_FIELDS);
        if (!(object(root).get("products") instanceof List<?> products)) {
            throw error("/products", "\"products\" is required and must be an array of products");
        }
        Map<String, Registry.ProductEntry> result = new LinkedHashMap<>();
        for (int i = 0; i < products.size(); i++) {
            String at = "/products/" + i;
            requireObject(products.get(i), at, "a product must be a JSON object");
            Map<String, Object> node = object(products.get(i));
            onlyKnownFields(node, at, PRODUCT_FIELDS);
            String productKey = key(node, at, "productKey");
            if (result.containsKey(productKey)) {
                throw error(at + "/productKey", "product key '" + productKey + "' appears twice; product keys are unique");
            }
            String productSecret = optionalString(node, at, "productSecret");
            boolean dynamicActivation = optionalBoolean(node, at, "dynamicActivation");
            if (dynamicActivation && productSecret == null) {
                throw error(at + "/productSecret",
                        "a product with dynamicActivation true needs a productSecret: SecureMode 3 derives its key from it (EC-5)");
            }
            Product product = new Product(productKey, productSecret, dynamicActivation);
            result.put(productKey, new Registry.ProductEntry(product, devices(node, at, productKey)));
        }
        return result;
    }

    private List<Device> devices(Map<String, Object> product, String at, String productKey) {
        Object member = product.get("devices");
        List<Device> result = new ArrayList<>();
        if (member == null) {
            return result;
        }
        if (!(member instanceof List<?> devices)) {
            throw error(at + "/devices", "\"devices\" must be an array of devices");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < devices.size(); i++) {
            String dat = at + "/devices/" + i;
            requireObject(devices.get(i), dat, "a device must be a JSON object");
            Map<String, Object> node = object(devices.get(i));
            onlyKnownFields(node, dat, DEVICE_FIELDS);
            String deviceKey = key(node, dat, "deviceKey");
            if (!seen.add(deviceKey)) {
                throw error(dat + "/deviceKey", "device key '" + deviceKey + "' appears twice in product '" + productKey
                        + "'; device keys are unique in a product (EC-3)");
            }
            String secret = optionalString(node, dat, "deviceSecret");
            String assetId = optionalString(node, dat, "assetId");
            result.add(new Device(new DeviceId(productKey, deviceKey), secret, assetId, false));
        }
        return result;
    }

    private String key(Map<String, Object> node, String at, String field) {
        if (!(node.get(field) instanceof String text) || text.isEmpty()) {
            throw error(at + "/" + field, "\"" + field + "\" is required and must be a non-empty string (EC-3)");
        }
        if (text.indexOf(',') >= 0) {
            throw error(at + "/" + field, "\"" + field + "\" '" + text
                    + "' contains a comma, which would break the PSK identity {ProductKey},{DeviceKey},{SecureMode},{Lifetime} (EC-3)");
        }
        return text;
    }

    private String optionalString(Map<String, Object> node, String at, String field) {
        Object value = node.get(field);
        if (value == null || value == NULL) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw error(at + "/" + field, "\"" + field + "\" must be a string");
        }
        return text;
    }

    private boolean optionalBoolean(Map<String, Object> node, String at, String field) {
        Object value = node.get(field);
        if (value == null || value == NULL) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw error(at + "/" + field, "\"" + field + "\" must be true or false");
        }
        return b;
    }

    private void requireObject(Object node, String at, String rule) {
        if (!(node instanceof Map)) {
            throw error(at.isEmpty() ? "/" : at, rule);
        }
    }

    private void onlyKnownFields(Map<String, Object> node, String at, Set<String> known) {
        for (String name : node.keySet()) {
            if (!known.contains(name)) {
                throw error(at + "/" + name, "unknown field \"" + name + "\"; the fields here are " + new java.util.TreeSet<>(known));
            }
        }
    }

    private RegistryException error(String pointer, String rule) {
        return new RegistryException("registry " + source + " at " + pointer + ": " + rule);
    }
}
