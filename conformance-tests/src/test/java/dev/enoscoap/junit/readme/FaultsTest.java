package dev.enoscoap.junit.readme;

import static dev.enoscoap.junit.EnosAssertions.assertThat;
import static dev.enoscoap.junit.readme.ReadmeDevice.device;

import dev.enoscoap.junit.DeviceCredentials;
import dev.enoscoap.junit.EnosCoapServer;
import dev.enoscoap.junit.EnosTestServer;
import dev.enoscoap.junit.FreshDevice;
import dev.enoscoap.mock.journal.FaultEntry;
import dev.enoscoap.mock.protocol.SecureMode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.junit.jupiter.api.Test;

/** The README's scripted faults, named by the injected device. */
@EnosCoapServer
class FaultsTest {

    @Test
    void aRefusedHandshakeIsJournaledAsAFault(EnosTestServer server, @FreshDevice DeviceCredentials dev)
            throws Exception {
        // tag::faults[]
        server.faults().refuseNextHandshake(dev);          // also dropNextRequests(dev, n), forgetSession(dev)
        // end::faults[]
        CoapEndpoint device = device(dev.identity(SecureMode.DEVICE_SECRET, 300), dev.pskKey());
        try {
            device.start();
            Request request = Request.newGet();
            request.setURI(server.coapsUri() + "/topic/sys/" + dev.productKey() + "/" + dev.deviceKey() + "/x");
            device.sendRequest(request);
            // tag::faultsJournal[]
            server.await().untilHandshake(dev);
            assertThat(server.journal()).hasFault(dev, FaultEntry.Kind.HANDSHAKE_REFUSED);
            assertThat(server.journal().faults(dev)).hasSize(1);
            // end::faultsJournal[]
        } finally {
            device.destroy();
        }
    }
}
