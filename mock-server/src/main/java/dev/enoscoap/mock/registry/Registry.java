package dev.enoscoap.mock.registry;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;
import static org.apiguardian.api.API.Status.INTERNAL;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.LinkedHashMap;
import org.apiguardian.api.API;

/**
 * The products and devices the mock server knows. Thread-safe: devices may be registered and
 * activated while the server runs, and the registry may be {@linkplain #reload() reloaded} from
 * its file; devices registered or activated at runtime survive a reload.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Registry {
    /** Classpath location of the demo registry shipped in the fixtures jar. */
    public static final String DEMO_RESOURCE = "enos-fixtures/registry/demo.json";

    private final String source;
    private final String location;
    private volatile Map<String, Product> products;
    private volatile ConcurrentMap<DeviceId, Device> devices;
    /** Devices registered or activated at runtime, as they stand, also those whose product went away. */
    private final Map<DeviceId, Device> runtime = new LinkedHashMap<>();
    private final List<Consumer<Device>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    record ProductEntry(Product product, List<Device> devices) {
    }

    private Registry(String source, String location, Map<String, ProductEntry> entries) {
        this.source = source;
        this.location = location;
        install(entries);
    }

    /** Reads a registry from a stream; {@code source} names it in error messages. */
    public static Registry read(String source, InputStream in) {
        return new Registry(source, null, RegistryLoader.read(source, in));
    }

    /** Reads a registry file. */
    public static Registry load(Path file) {
        return new Registry(file.toString(), file.toString(), readFile(file));
    }

    private static Map<String, ProductEntry> readFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return RegistryLoader.read(file.toString(), in);
        } catch (IOException e) {
            throw new RegistryException("registry " + file + ": cannot be read: " + e, e);
        }
    }

    /** Reads a registry from the classpath, e.g. {@code my-devices.json}. */
    public static Registry fromClasspath(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        return new Registry("classpath:" + name, "classpath:" + name, readClasspath(name));
    }

    private static Map<String, ProductEntry> readClasspath(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Registry.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new RegistryException("registry classpath:" + name + ": no such resource on the classpath");
            }
            return RegistryLoader.read("classpath:" + name, in);
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

    /** The file the registry was loaded from, if it came from a file (and so can be watched). */
    public Optional<Path> file() {
        return location == null || location.startsWith("classpath:") ? Optional.empty() : Optional.of(Path.of(location));
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
     * Devices registered or activated while the server ran (also from an earlier run, restored
     * from the state directory), including those whose product is not in the registry now.
     */
    @API(status = INTERNAL, since = "0.1")
    public List<Device> runtimeDevices() {
        synchronized (lock) {
            return List.copyOf(runtime.values());
        }
    }

    /** How many devices auto-registration added (and the registry still holds). */
    public int autoRegisteredCount() {
        return (int) devices.values().stream().filter(d -> d.origin() == Device.Origin.AUTO_REGISTERED).count();
    }

    /** Calls {@code listener} with every device registered or activated, after the change, on the thread that made it. */
    @API(status = INTERNAL, since = "0.1")
    public AutoCloseable onChange(Consumer<Device> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /**
     * Adds a device to a registered product. Used by tests that want a device of their own.
     *
     * @param secret the device secret, or {@code null} for a device that must activate first
     * @param assetId the asset id, or {@code null}
     * @return the device; if it existed already, the existing one
     * @throws RegistryException if the product is unknown
     */
    public Device register(DeviceId id, String secret, String assetId) {
        return add(id, secret, assetId, Device.Origin.REGISTERED, Integer.MAX_VALUE);
    }

    /**
     * Adds an unknown device key to its product on its SecureMode 3 handshake (EC-5), unless
     * auto-registration already added {@code limit} devices.
     *
     * @return the device; if it existed already, the existing one
     * @throws RegistryException if the product is unknown or the limit is reached
     */
    @API(status = INTERNAL, since = "0.1")
    public Device autoRegister(DeviceId id, int limit) {
        return add(id, null, null, Device.Origin.AUTO_REGISTERED, limit);
    }

    private Device add(DeviceId id, String secret, String assetId, Device.Origin origin, int limit) {
        if (!products.containsKey(id.productKey())) {
            throw new RegistryException("cannot register " + id + ": product '" + id.productKey()
                    + "' is not in registry " + source);
        }
        if (id.deviceKey().indexOf(',') >= 0) {
            throw new RegistryException("cannot register " + id + ": a device key must not contain a comma (EC-3)");
        }
        Device added;
        synchronized (lock) {
            Device existing = devices.get(id);
            if (existing != null) {
                return existing;
            }
            if (origin == Device.Origin.AUTO_REGISTERED && autoRegisteredCount() >= limit) {
                throw new RegistryException("cannot auto-register " + id + ": auto-registration already added " + limit
                        + " devices, as many as this mock adds (limit auto-registered=" + limit + ")");
            }
            added = new Device(id, secret, assetId, false, false, origin);
            devices.put(id, added);
            runtime.put(id, added);
        }
        notify(added);
        return added;
    }

    /**
     * Marks a device activated (EC-10) and returns it with its secret. A device without a secret
     * is given one from {@code newSecret}, and an asset id if it has none.
     *
     * @throws RegistryException if the device is unknown
     */
    @API(status = INTERNAL, since = "0.1")
    public Device activate(DeviceId id, Supplier<String> newSecret, Supplier<String> newAssetId) {
        Objects.requireNonNull(newSecret, "newSecret");
        Device result;
        synchronized (lock) {
            result = devices.computeIfPresent(id, (k, d) -> d.activatedWith(
                    d.hasSecret() ? d.deviceSecret() : newSecret.get(),
                    d.assetId() != null ? d.assetId() : newAssetId.get(),
                    d.hasSecret() ? d.secretFromActivation() : true));
            if (result != null) {
                runtime.put(id, result);
            }
        }
        if (result == null) {
            throw new RegistryException("cannot activate " + id + ": not in registry " + source);
        }
        notify(result);
        return result;
    }

    /**
     * Puts back devices registered or activated in an earlier run (from the state directory),
     * by the same rule as a reload: a secret in the registry file wins; a device the file has
     * without a secret takes the restored secret and asset id; a device the file lacks is added
     * to its product. Devices of products the registry lacks are kept for later but not served.
     */
    @API(status = INTERNAL, since = "0.1")
    public void restore(List<Device> restored) {
        synchronized (lock) {
            for (Device d : restored) {
                runtime.put(d.id(), d);
            }
            ConcurrentMap<DeviceId, Device> merged = new ConcurrentHashMap<>(devices);
            for (Device d : restored) {
                merge(merged, products, d);
            }
            devices = merged;
        }
    }

    /**
     * Reads the registry's file (or resource) again and serves what it says from now on. Devices
     * registered or activated at runtime survive (see {@link #restore}). A file that breaks a rule
     * changes nothing.
     *
     * @return what changed, in words
     * @throws RegistryException naming the file, the location and the rule, if the file is bad;
     *         the registry in use is kept
     */
    public String reload() {
        if (location == null) {
            throw new RegistryException("registry " + source + " was read from a stream and cannot be read again");
        }
        Map<String, ProductEntry> entries = location.startsWith("classpath:")
                ? readClasspath(location.substring("classpath:".length()))
                : readFile(Path.of(location));
        synchronized (lock) {
            int productsBefore = products.size();
            int devicesBefore = devices.size();
            install(entries);
            return "registry " + source + " reloaded: " + products.size() + " products (was " + productsBefore + "), "
                    + devices.size() + " devices (was " + devicesBefore + "), " + runtime.size()
                    + " registered or activated at runtime kept";
        }
    }

    private void install(Map<String, ProductEntry> entries) {
        Map<String, Product> byKey = new LinkedHashMap<>();
        ConcurrentMap<DeviceId, Device> fileDevices = new ConcurrentHashMap<>();
        entries.forEach((key, entry) -> {
            byKey.put(key, entry.product());
            entry.devices().forEach(d -> fileDevices.put(d.id(), d));
        });
        Map<String, Product> newProducts = java.util.Collections.unmodifiableMap(byKey);
        for (Device d : runtime.values()) {
            merge(fileDevices, newProducts, d);
        }
        this.products = newProducts;
        this.devices = fileDevices;
    }

    /** Merges a device changed at runtime into the devices read from the file. */
    private static void merge(Map<DeviceId, Device> into, Map<String, Product> products, Device d) {
        if (!products.containsKey(d.id().productKey())) {
            return;
        }
        Device file = into.get(d.id());
        if (file == null) {
            into.put(d.id(), d);
        } else if (file.origin() == Device.Origin.REGISTRY_FILE && file.hasSecret()) {
            into.put(d.id(), new Device(d.id(), file.deviceSecret(), file.assetId() != null ? file.assetId() : d.assetId(),
                    file.activated() || d.activated(), false, Device.Origin.REGISTRY_FILE));
        } else {
            into.put(d.id(), new Device(d.id(), d.deviceSecret(), file.assetId() != null ? file.assetId() : d.assetId(),
                    d.activated(), d.secretFromActivation(), file.origin()));
        }
    }

    private void notify(Device device) {
        for (Consumer<Device> l : listeners) {
            l.accept(device);
        }
    }

    @Override
    public String toString() {
        return "Registry[" + source + ", " + products.size() + " products, " + devices.size() + " devices]";
    }
}
