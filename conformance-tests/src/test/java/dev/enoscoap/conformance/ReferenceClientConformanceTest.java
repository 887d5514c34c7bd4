package dev.enoscoap.conformance;

import dev.enoscoap.conformance.reference.ReferenceClient;
import dev.enoscoap.conformance.spi.EnosClientAdapter;
import dev.enoscoap.conformance.suite.EnosConformanceSuite;
import dev.enoscoap.conformance.suite.SuiteConfig;

/** The reference client judged by every suite: it must pass every purpose. */
class ReferenceClientConformanceTest implements EnosConformanceSuite {

    @Override
    public EnosClientAdapter adapter(SuiteConfig config) {
        return new ReferenceClient();
    }
}
