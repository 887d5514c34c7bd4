package dev.enoscoap.junit;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.registry.Product;
import dev.enoscoap.mock.registry.Registry;
import java.util.Optional;
import java.util.stream.Collectors;

/** Devices of a registry as credentials, with messages that name the registry and what it has. */
final class Devices {
    private Devices() {
    }

    /**
     * The credentials of {@code productKey/deviceKey} as the registry has them now.
     *
     * @throws IllegalArgumentException if the name is malformed or the registry lacks the device;
     *         the message names the registry and its products or devices
     */
    static DeviceCredentials lookUp(Registry registry, String name) {
        return lookUp(registry, DeviceId.parse(name));
    }

    /** The credentials of {@code id} as the registry has them now; see {@link #lookUp(Registry, String)}. */
    static DeviceCredentials lookUp(Registry registry, DeviceId id) {
        Optional<Product> product = registry.product(id.productKey());
        if (product.isEmpty()) {
            throw new IllegalArgumentException("product '" + id.productKey() + "' is not in registry "
                    + registry.source() + "; its products are "
                    + registry.products().stream().map(Product::productKey).collect(Collectors.joining(", ")));
        }
        return registry.device(id)
                .map(d -> new DeviceCredentials(id.productKey(), id.deviceKey(), d.deviceSecret(),
                        product.get().productSecret()))
                .orElseThrow(() -> new IllegalArgumentException("device '" + id.deviceKey() + "' of product '"
                        + id.productKey() + "' is not in registry " + registry.source() + "; the product's devices are "
                        + registry.devices().stream()
                                .filter(d -> d.id().productKey().equals(id.productKey()))
                                .map(d -> d.id().deviceKey()).collect(Collectors.joining(", "))));
    }
}
