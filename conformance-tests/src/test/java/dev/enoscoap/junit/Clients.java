package dev.enoscoap.junit;

import dev.enoscoap.mock.TestDevice;
import dev.enoscoap.mock.protocol.EnosCipherSuite;
import dev.enoscoap.mock.protocol.SecureMode;

/** Test devices for the injected devices of a test. */
final class Clients {
    private Clients() {
    }

    /** The device in SecureMode 2 with its own secret, Lifetime 300 s. */
    static TestDevice connect(EnosTestServer server, DeviceCredentials device, EnosCipherSuite... suites) {
        return TestDevice.of(server.coapsUri(), device.identity(SecureMode.DEVICE_SECRET, 300), device.pskKey(), suites);
    }
}
