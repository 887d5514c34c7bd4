package dev.enoscoap.conformance.suite;

import dev.enoscoap.mock.protocol.DeviceId;

/** The devices of the demo registry that the suites use. */
final class Demo {
    static final String PRODUCT = "demoProduct";
    static final String PRODUCT_SECRET = "demo-product-secret";
    /** A device with a secret, for SecureMode 2. */
    static final String DEVICE = "dev01";
    static final String DEVICE_SECRET = "demo-device-secret-01";
    static final DeviceId DEVICE_ID = new DeviceId(PRODUCT, DEVICE);
    /** A device without a secret, for activation. */
    static final String NEW_DEVICE = "dev03";
    static final DeviceId NEW_DEVICE_ID = new DeviceId(PRODUCT, NEW_DEVICE);
    static final int LIFETIME = 120;

    private Demo() {
    }

    static String identity(String device, int mode, int lifetime) {
        return PRODUCT + "," + device + "," + mode + "," + lifetime;
    }
}
