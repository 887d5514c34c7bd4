package dev.enoscoap.mock.registry;

import dev.enoscoap.mock.protocol.DeviceId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The products and devices the mock server knows. Thread-safe: devices may be registered and
 * activated while the server runs.
 */
public final class Registry {
    /** Classpath location of the demo registry shipped in the fixtures jar. */
    public static final String DEMO_RESOURCE = "enos-fixtures/registry/demo.json";

    private final String source;
    private final Map<String, Product> products;
    private final ConcurrentMap<DeviceId, Device> devices = new ConcurrentHashMap<>();

    record ProductEntry(Product product, List<Device> devices) {
    }

    private Registry(String source, Map<String, ProductEntry> entries) {
        this.source = source;
        Map<String, Product> byKey = new java.util.LinkedHashMap<>();
        entries.forEach((key, entry) -> {
            byKey.put(key, entry.product());
            entry.devices().forEach(d -> devices.put(d.id(), d));
        });
        this.products = java.util.Collections.unmodifiableMap(byKey);
    }

    /** Reads a registry from a stream; {@code source} names it in error messages. */
    public static Registry read(String source, InputStream in) {
        return new Registry(source, RegistryLoader.read(source, in));
    }

    /** Reads a registry file. */
    public static Registry load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        } catch (IOException e) {
            throw new RegistryException("registry " + file + ": cannot be read: " + e, e);
        }
    }

    /** Reads a registry from the classpath, e.g. {@code my-devices.json}. */
    public static Registry fromClasspath(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Registry.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new RegistryException("registry classpath:" + name + ": no such resource on the classpath");
            }
            return read("classpath:" + name, in);
        } catch (IOException e) {
            throw new RegistryException("registry classpath:" + name + ": cannot be read: " + e, e);
        }
    }

    /**
     * Reads a registry from a location: {@code classpath:NAME} or a file path.
     */
    public static Registry fromLocation(String location) {
        if (location.startsWith("classpath:")) {
            return fromClasspath(location.substring("classpath:".length()));
        }
        return load(Path.of(location));
    }

    /** The demo registry from the fixtures: {@code demoProduct} (dynamic activation on) and {@code closedProduct}. */
    public static Registry demo() {
        return fromClasspath(DEMO_RESOURCE);
    }

    /** Where the registry came from. */
    public String source() {
        return source;
    }

    /** The product with this key. */
    public Optional<Product> product(String productKey) {
        return Optional.ofNullable(products.get(productKey));
    }

    /** All products. */
    public Collection<Product> products() {
        return products.values();
    }

    /** The device as it stands now. */
    public Optional<Device> device(DeviceId id) {
        return Optional.ofNullable(devices.get(id));
    }

    /** All devices as they stand now, ordered by product and device key. */
    public List<Device> devices() {
        List<Device> list = new ArrayList<>(devices.values());
        list.sort(Comparator.comparing((Device d) -> d.id().productKey()).thenComparing(d -> d.id().deviceKey()));
        return list;
    }

    /**
     * Adds a device to a registered product. Used for auto-registration in SecureMode 3 and by
     * tests that want a device of their own.
     *
     * @param secret the device secret, or {@code null} for a device that must activate first
     * @param assetId the asset id, or {@code null}
     * @return the device; if it existed already, the existing one
     * @throws RegistryException if the product is unknown
     */
    public Device register(DeviceId id, String secret, String assetId) {
        if (!products.containsKey(id.productKey())) {
            throw new RegistryException("cannot register " + id + ": product '" + id.productKey()
                    + "' is not in registry " + source);
        }
        if (id.deviceKey().indexOf(',') >= 0) {
            throw new RegistryException("cannot register " + id + ": a device key must not contain a comma (EC-3)");
        }
        return devices.computeIfAbsent(id, k -> new Device(k, secret, assetId, false));
    }

    /**
     * Marks a device activated (EC-10) and returns it with its secret. A device without a secret
     * is given one from {@code newSecret}, and an asset id if it has none.
     *
     * @throws RegistryException if the device is unknown
     */
    public Device activate(DeviceId id, Supplier<String> newSecret, Supplier<String> newAssetId) {
        Objects.requireNonNull(newSecret, "newSecret");
        Device result = devices.computeIfPresent(id, (k, d) -> d.activatedWith(
                d.hasSecret() ? d.deviceSecret() : newSecret.get(),
                d.assetId() != null ? d.assetId() : newAssetId.get()));
        if (result == null) {
            throw new RegistryException("cannot activate " + id + ": not in registry " + source);
        }
        return result;
    }

    @Override
    public String toString() {
        return "Registry[" + source + ", " + products.size() + " products, " + devices.size() + " devices]";
    }
}
