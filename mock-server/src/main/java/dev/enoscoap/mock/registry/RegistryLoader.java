package dev.enoscoap.mock.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.enoscoap.mock.protocol.DeviceId;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
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
 */
final class RegistryLoader {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Set<String> ROOT_FIELDS = Set.of("products");
    private static final Set<String> PRODUCT_FIELDS = Set.of("productKey", "productSecret", "dynamicActivation", "devices");
    private static final Set<String> DEVICE_FIELDS = Set.of("deviceKey", "deviceSecret", "assetId");

    private final String source;

    private RegistryLoader(String source) {
        this.source = source;
    }

    /** Reads the registry from {@code in}; {@code source} names it in error messages. */
    static Map<String, Registry.ProductEntry> read(String source, InputStream in) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new RegistryException("registry " + source + where + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RegistryException("registry " + source + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new RegistryException("registry " + source + ": the file is empty; expected {\"products\": [...]}");
        }
        return new RegistryLoader(source).products(root);
    }

    private Map<String, Registry.ProductEntry> products(JsonNode root) {
        requireObject(root, "", "the registry must be a JSON object {\"products\": [...]}");
        onlyKnownFields(root, "", ROOT_FIELDS);
        JsonNode products = root.get("products");
        if (products == null || !products.isArray()) {
            throw error("/products", "\"products\" is required and must be an array of products");
        }
        Map<String, Registry.ProductEntry> result = new LinkedHashMap<>();
        for (int i = 0; i < products.size(); i++) {
            String at = "/products/" + i;
            JsonNode node = products.get(i);
            requireObject(node, at, "a product must be a JSON object");
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

    private List<Device> devices(JsonNode product, String at, String productKey) {
        JsonNode devices = product.get("devices");
        List<Device> result = new ArrayList<>();
        if (devices == null) {
            return result;
        }
        if (!devices.isArray()) {
            throw error(at + "/devices", "\"devices\" must be an array of devices");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < devices.size(); i++) {
            String dat = at + "/devices/" + i;
            JsonNode node = devices.get(i);
            requireObject(node, dat, "a device must be a JSON object");
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

    private String key(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw error(at + "/" + field, "\"" + field + "\" is required and must be a non-empty string (EC-3)");
        }
        String text = value.textValue();
        if (text.indexOf(',') >= 0) {
            throw error(at + "/" + field, "\"" + field + "\" '" + text
                    + "' contains a comma, which would break the PSK identity {ProductKey},{DeviceKey},{SecureMode},{Lifetime} (EC-3)");
        }
        return text;
    }

    private String optionalString(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw error(at + "/" + field, "\"" + field + "\" must be a string");
        }
        return value.textValue();
    }

    private boolean optionalBoolean(JsonNode node, String at, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw error(at + "/" + field, "\"" + field + "\" must be true or false");
        }
        return value.booleanValue();
    }

    private void requireObject(JsonNode node, String at, String rule) {
        if (!node.isObject()) {
            throw error(at.isEmpty() ? "/" : at, rule);
        }
    }

    private void onlyKnownFields(JsonNode node, String at, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!known.contains(name)) {
                throw error(at + "/" + name, "unknown field \"" + name + "\"; the fields here are " + new java.util.TreeSet<>(known));
            }
        }
    }

    private RegistryException error(String pointer, String rule) {
        return new RegistryException("registry " + source + " at " + pointer + ": " + rule);
    }
}
