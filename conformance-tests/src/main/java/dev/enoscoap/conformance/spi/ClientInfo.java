package dev.enoscoap.conformance.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.EnumSet;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Who the client under test is and what it declares it can do; the report shows it.
 *
 * @param name the client's name, e.g. {@code acme-nbiot-sdk}
 * @param version its version
 * @param capabilities what it can do
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ClientInfo(String name, String version, Set<Capability> capabilities) {

    public ClientInfo {
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
    }

    /** Whether the client declares {@code capability}. */
    public boolean can(Capability capability) {
        return capabilities.contains(capability);
    }
}
