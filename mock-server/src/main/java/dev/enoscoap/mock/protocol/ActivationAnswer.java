package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apiguardian.api.API;

/**
 * The answer to an activation request (EC-9):
 * {@code {"id","version":"1.0","method":"thing.activate.info","params":{"assetId","productKey","deviceKey","deviceSecret"}}}.
 */
@API(status = INTERNAL, since = "0.1")
public final class ActivationAnswer {
    private ActivationAnswer() {
    }

    /** The answer that hands {@code deviceSecret} to {@code device}. */
    public static ObjectNode body(String id, String assetId, DeviceId device, String deviceSecret) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("id", id);
        root.put("version", "1.0");
        root.put("method", Topics.ACTIVATION_METHOD);
        ObjectNode params = root.putObject("params");
        params.put("assetId", assetId);
        params.put("productKey", device.productKey());
        params.put("deviceKey", device.deviceKey());
        params.put("deviceSecret", deviceSecret);
        return root;
    }
}
