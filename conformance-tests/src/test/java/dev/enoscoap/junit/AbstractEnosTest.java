package dev.enoscoap.junit;

import dev.enoscoap.mock.protocol.EnosCipherSuite;

/** A base class that carries the annotation for its subclasses. */
@EnosCoapServer(registry = "classpath:test-registry.json", cipherSuites = EnosCipherSuite.CBC_SHA256,
        virtualClock = true)
abstract class AbstractEnosTest {
    protected final EnosTestServer server;

    protected AbstractEnosTest(EnosTestServer server) {
        this.server = server;
    }
}
