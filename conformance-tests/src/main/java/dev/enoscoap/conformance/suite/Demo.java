package dev.enoscoap.conformance.suite;

import dev.enoscoap.mock.protocol.DeviceId;

/** The devices of the demo registry that the suites use. */
final class Demo {
    static final String PRODUCT = "demoProduct";
    static final String PRODUCT_SECRET = "demo-product-secret";
    /** A device with a secret, for SecureMode 2. */
    static final DeviceId DEVICE = new DeviceId(PRODUCT, "dev01");
    static final String DEVICE_SECRET = "demo-device-secret-01";
    /** A device without a secret, for activation. */
    static final DeviceId NEW_DEVICE = new DeviceId(PRODUCT, "dev03");
    /** A device without a secret whose key is an IMEI (15 digits), for activation. */
    static final DeviceId IMEI_DEVICE = new DeviceId(PRODUCT, "860123456789012");
    static final int LIFETIME = 120;

    private Demo() {
    }
}
