package dev.enoscoap.mock.coap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.mock.journal.Journal;
import dev.enoscoap.mock.journal.StateChange;
import dev.enoscoap.mock.protocol.ActivationAnswer;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.PskIdentity;
import dev.enoscoap.mock.protocol.SecureMode;
import dev.enoscoap.mock.protocol.Topics;
import dev.enoscoap.mock.registry.Device;
import dev.enoscoap.mock.registry.Registry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.californium.core.coap.CoAP.Code;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/**
 * The activation request of EC-8 to EC-10:
 * {@code GET /topic/ext/session/{productKey}/{deviceKey}/thing/activate/info} on the device's own
 * SecureMode 3 session, answered 2.05 with the device secret in EC-9 JSON.
 */
final class ActivationHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Registry registry;
    private final Journal journal;
    private final Supplier<String> secrets;
    private final ActivationPolicy policy;
    private final AtomicLong ids = new AtomicLong();

    ActivationHandler(Registry registry, Journal journal, Supplier<String> secrets, ActivationPolicy policy) {
        this.registry = registry;
        this.journal = journal;
        this.secrets = secrets;
        this.policy = policy;
    }

    Reply handle(Code method, List<String> path, PskIdentity session) {
        if (method != Code.GET) {
            return Reply.error(ResponseCode.METHOD_NOT_ALLOWED,
                    "the activation path takes GET only, not " + method + " (EC-8, EC-13)");
        }
        if (session.secureMode() != SecureMode.PRODUCT_SECRET) {
            return Reply.error(ResponseCode.FORBIDDEN,
                    "activation is served on SecureMode 3 sessions only; this session is SecureMode 2 (EC-8)");
        }
        DeviceId named = Topics.activationDevice(path).orElse(null);
        if (!session.device().equals(named)) {
            return Reply.error(ResponseCode.FORBIDDEN, "activation path names " + path.get(3) + "/" + path.get(4)
                    + " but the session is " + session.device() + "; a device activates only itself (EC-8)");
        }
        Device before = registry.device(session.device()).orElse(null);
        if (before == null) {
            return Reply.error(ResponseCode.FORBIDDEN, "device " + session.device() + " is no longer in the registry");
        }
        // The rule [ours, EC-5, EC-10]: activation hands out a secret it makes, once. A device that
        // already has a secret is refused unless an option says otherwise.
        if (before.hasSecret() && before.secretFromActivation() && !policy.allowReactivation()) {
            return Reply.error(ResponseCode.FORBIDDEN, "device " + session.device() + " was activated before and "
                    + "holds the secret it was given; a second activation is refused (rule: one activation per "
                    + "device, EC-10); start the mock with --allow-reactivation (builder allowReactivation(true)) "
                    + "to serve the same secret again");
        }
        if (before.hasSecret() && !before.secretFromActivation() && !policy.serveRegisteredSecrets()) {
            return Reply.error(ResponseCode.FORBIDDEN, "device " + session.device() + " already has a device secret "
                    + "from the registry; activation hands out only secrets it makes, never a registered one (rule: "
                    + "no registered secret for the product secret, EC-5, EC-10); start the mock with "
                    + "--serve-registered-secrets (builder serveRegisteredSecrets(true)) to hand it out");
        }
        Device device = registry.activate(session.device(), secrets,
                () -> "asset-" + java.util.UUID.randomUUID().toString().substring(0, 13));
        journal.record((seq, time) -> new StateChange(seq, time, device.id(), StateChange.Kind.ACTIVATED,
                (before.activated() ? "activated again" : "activated") + ", assetId " + device.assetId()
                        + (!before.hasSecret() ? ", secret generated"
                                : before.secretFromActivation() ? ", the secret of its earlier activation returned"
                                        : ", registered secret returned")));
        return Reply.json(ResponseCode.CONTENT, body(device), null);
    }

    private byte[] body(Device device) {
        try {
            return JSON.writeValueAsBytes(ActivationAnswer.body(Long.toString(ids.incrementAndGet()), device.assetId(),
                    device.id(), device.deviceSecret()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write activation JSON", e);
        }
    }
}
