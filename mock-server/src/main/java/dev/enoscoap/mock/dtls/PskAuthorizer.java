package dev.enoscoap.mock.dtls;

import dev.enoscoap.mock.fault.Faults;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.IdentityParseResult;
import dev.enoscoap.mock.protocol.PskIdentity;
import dev.enoscoap.mock.protocol.PskKeys;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.registry.Device;
import dev.enoscoap.mock.registry.Product;
import dev.enoscoap.mock.registry.Registry;
import java.util.Optional;

/**
 * Decides, from the registry, which key an identity gets (EC-3 to EC-6). Free of DTLS types.
 */
final class PskAuthorizer {
    private final Registry registry;
    private final Journal journal;
    private final boolean autoRegister;
    private final int autoRegisterLimit;
    private final Faults faults;

    PskAuthorizer(Registry registry, Journal journal, boolean autoRegister, int autoRegisterLimit, Faults faults) {
        this.registry = registry;
        this.journal = journal;
        this.autoRegister = autoRegister;
        this.autoRegisterLimit = autoRegisterLimit;
        this.faults = faults;
    }

    PskDecision decide(IdentityParseResult parse) {
        if (parse instanceof IdentityParseResult.Invalid invalid) {
            return PskDecision.refuse(parse, RefusalReason.BAD_IDENTITY, invalid.message());
        }
        PskIdentity id = ((IdentityParseResult.Valid) parse).identity();
        if (faults.takeHandshakeRefusal(id.device())) {
            return PskDecision.refuse(parse, RefusalReason.FAULT_INJECTED,
                    "handshake of " + id.device() + " refused by a scripted fault (refuse next handshake)");
        }
        Optional<Product> product = registry.product(id.productKey());
        if (product.isEmpty()) {
            return PskDecision.refuse(parse, RefusalReason.UNKNOWN_PRODUCT,
                    "product key '" + id.productKey() + "' is not in registry " + registry.source() + " (EC-3)");
        }
        return id.secureMode() == SecureMode.DEVICE_SECRET
                ? deviceSecret(parse, id)
                : productSecret(parse, id, product.get());
    }

    private PskDecision deviceSecret(IdentityParseResult parse, PskIdentity id) {
        Optional<Device> device = registry.device(id.device());
        if (device.isEmpty()) {
            return PskDecision.refuse(parse, RefusalReason.UNKNOWN_DEVICE,
                    "device key '" + id.deviceKey() + "' is not registered under product '" + id.productKey() + "' (EC-4)");
        }
        if (!device.get().hasSecret()) {
            return PskDecision.refuse(parse, RefusalReason.DEVICE_HAS_NO_SECRET,
                    "device " + id.device() + " has no device secret yet: SecureMode 2 needs one; "
                            + "activate in SecureMode 3 first (EC-4, EC-8)");
        }
        byte[] key = PskKeys.derive(device.get().deviceSecret());
        return PskDecision.accept(parse, key, "SecureMode 2 key from the device secret, fingerprint "
                + PskKeys.fingerprint(key));
    }

    private PskDecision productSecret(IdentityParseResult parse, PskIdentity id, Product product) {
        if (!product.dynamicActivation()) {
            return PskDecision.refuse(parse, RefusalReason.DYNAMIC_ACTIVATION_DISABLED,
                    "product '" + id.productKey() + "' has dynamic activation off, so SecureMode 3 is refused (EC-5)");
        }
        if (!product.hasSecret()) {
            return PskDecision.refuse(parse, RefusalReason.PRODUCT_HAS_NO_SECRET,
                    "product '" + id.productKey() + "' has no product secret for SecureMode 3 (EC-5)");
        }
        if (registry.device(id.device()).isEmpty()) {
            if (!autoRegister) {
                return PskDecision.refuse(parse, RefusalReason.UNKNOWN_DEVICE,
                        "device key '" + id.deviceKey() + "' is not registered under product '" + id.productKey()
                                + "'; EnOS creates devices before they activate (EC-5); the mock adds unknown device "
                                + "keys only with auto-register on");
            }
            try {
                registry.autoRegister(id.device(), autoRegisterLimit);
            } catch (dev.enoscoap.mock.registry.RegistryException e) {
                return PskDecision.refuse(parse, RefusalReason.AUTO_REGISTRATION_LIMIT, e.getMessage()
                        + "; raise it with --limit auto-registered=N (builder autoRegisterLimit) (EC-5)");
            }
            journal.record((seq, time) -> new StateChange(seq, time, id.device(), StateChange.Kind.REGISTERED,
                    "auto-registered on its SecureMode 3 handshake"));
        }
        byte[] key = PskKeys.derive(product.productSecret());
        return PskDecision.accept(parse, key, "SecureMode 3 key from the product secret, fingerprint "
                + PskKeys.fingerprint(key));
    }
}
