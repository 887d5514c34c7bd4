package dev.enoscoap.junit.readme;

import static dev.enoscoap.junit.EnosAssertions.assertThat;
import static dev.enoscoap.junit.readme.ReadmeDevice.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.junit.DeviceCredentials;
import dev.enoscoap.junit.EnosCoapServer;
import dev.enoscoap.junit.EnosTestServer;
import dev.enoscoap.junit.FreshDevice;
import dev.enoscoap.mock.protocol.SecureMode;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.Test;

/** The README's activation example: a device without a secret activates, then reconnects with the one it got. */
@EnosCoapServer
class ActivationTest {

    // tag::activation[]
    @Test
    void activatesThenReconnectsWithTheSecretItGot(EnosTestServer server,
            @FreshDevice(withSecret = false) DeviceCredentials dev) throws Exception {
        // SecureMode 3, keyed by the product secret: ask for the device secret (EC-8, EC-9)
        String secret;
        CoapEndpoint activation = device(dev.identity(SecureMode.PRODUCT_SECRET, 300),
                dev.pskKey(SecureMode.PRODUCT_SECRET));
        try {
            CoapClient client = new CoapClient(server.coapsUri() + "/topic/ext/session/" + dev.productKey() + "/"
                    + dev.deviceKey() + "/thing/activate/info");
            client.setEndpoint(activation);
            CoapResponse response = client.get();
            secret = new ObjectMapper().readTree(response.getResponseText()).at("/params/deviceSecret").asText();
        } finally {
            activation.destroy();
        }

        // A new handshake in SecureMode 2 with the secret it got (EC-10)
        DeviceCredentials activated = dev.withSecret(secret);
        CoapEndpoint reconnected = device(activated.identity(SecureMode.DEVICE_SECRET, 300), activated.pskKey());
        try {
            CoapClient client = new CoapClient(server.coapsUri() + "/topic/sys/" + dev.productKey() + "/"
                    + dev.deviceKey() + "/thing/measurepoint/post");
            client.setEndpoint(reconnected);
            client.post("{\"id\":\"1\",\"version\":\"1.0\",\"method\":\"thing.measurepoint.post\","
                    + "\"params\":{\"measurepoints\":{\"temp\":21.5}}}", MediaTypeRegistry.APPLICATION_JSON);
        } finally {
            reconnected.destroy();
        }

        assertThat(activated).isEqualTo(server.device(dev));       // the registry holds the secret it gave out
        assertThat(activated.pskKey()).isEqualTo(DeviceCredentials.pskKeyOf(secret));
        assertThat(server.journal())
                .hasActivated(dev)
                .hasAcceptedHandshake(dev, SecureMode.PRODUCT_SECRET, 300)
                .hasAcceptedHandshake(dev, SecureMode.DEVICE_SECRET, 300)
                .hasRequest(dev, "POST", "/topic/sys/" + dev.productKey() + "/" + dev.deviceKey()
                        + "/thing/measurepoint/post", "2.04");
    }
    // end::activation[]
}
