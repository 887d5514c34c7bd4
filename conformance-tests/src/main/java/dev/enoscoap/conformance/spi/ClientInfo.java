package dev.enoscoap.conformance.spi;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who the client under test is and what it declares it can do; the report shows it.
 *
 * @param name the client's name, e.g. {@code acme-nbiot-sdk}
 * @param version its version
 * @param capabilities what it can do
 */
public record ClientInfo(String name, String version, Set<Capability> capabilities) {

    public ClientInfo {
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    }

    /** Whether the client declares {@code capability}. */
    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }
}
