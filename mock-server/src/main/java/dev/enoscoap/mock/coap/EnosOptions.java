package dev.enoscoap.mock.coap;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;
import org.eclipse.californium.core.coap.option.MapBasedOptionRegistry;
import org.eclipse.californium.core.coap.option.OpaqueOptionDefinition;
import org.eclipse.californium.core.coap.option.OptionRegistry;
import org.eclipse.californium.core.coap.option.StandardOptionRegistry;
import org.eclipse.californium.core.coap.option.StringOptionDefinition;

/**
 * The EnOS CoAP options (EC-12), registered with Californium's default option registry so that
 * both the mock and Californium clients in the same JVM parse them.
 */
@API(status = INTERNAL, since = "0.1")
public final class EnosOptions {
    /** Option 2100: the topic of a command waiting for the device, e.g. {@code /topic/sys/…/measurepoint/set}. */
    public static final StringOptionDefinition COMMAND_TOPIC = new StringOptionDefinition(2100, "EnOS-Command-Topic");
    /** Option 2102: raw payload in the non-DTLS variant. */
    public static final OpaqueOptionDefinition RAW_PAYLOAD = new OpaqueOptionDefinition(2102, "EnOS-Raw-Payload");

    private EnosOptions() {
    }

    /** Adds both options to Californium's default registry, once. Safe to call from any thread. */
    public static synchronized void register() {
        OptionRegistry current = StandardOptionRegistry.getDefaultOptionRegistry();
        if (!COMMAND_TOPIC.equals(current.getDefinitionByNumber(COMMAND_TOPIC.getNumber()))) {
            StandardOptionRegistry.setDefaultOptionRegistry(new MapBasedOptionRegistry(current, COMMAND_TOPIC, RAW_PAYLOAD));
        }
    }
}
