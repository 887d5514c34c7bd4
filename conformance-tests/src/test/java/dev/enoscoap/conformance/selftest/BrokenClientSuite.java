package dev.enoscoap.conformance.selftest;

import dev.enoscoap.conformance.reference.ReferenceClient;
import dev.enoscoap.conformance.spi.EnosClientAdapter;
import dev.enoscoap.conformance.suite.EnosConformanceSuite;
import dev.enoscoap.conformance.suite.SuiteConfig;

/**
 * Every suite against the Java broken client named by configuration parameter
 * {@value #CLIENT_PARAMETER}. Run only through {@link KillMatrixTest}.
 */
public class BrokenClientSuite implements EnosConformanceSuite {
    static final String CLIENT_PARAMETER = "enos.selftest.client";

    @Override
    public EnosClientAdapter adapter(SuiteConfig config) {
        BrokenClients.Broken broken = BrokenClients.byName(config.require(CLIENT_PARAMETER));
        return new ReferenceClient(((BrokenClients.Java) broken.client()).behaviour());
    }
}
