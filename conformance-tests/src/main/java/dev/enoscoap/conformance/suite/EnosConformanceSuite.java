package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * Every conformance suite in one interface. A vendor writes one class:
 *
 * <pre>{@code
 * class AcmeSdkConformanceTest implements EnosConformanceSuite {
 *     public EnosClientAdapter adapter(SuiteConfig config) {
 *         return new AcmeSdkAdapter();
 *     }
 * }
 * }</pre>
 *
 * and runs it with the rest of their tests. Each test judges one test purpose of
 * {@code fixtures/catalogue/test-purposes.json}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface EnosConformanceSuite extends BaselineConformance, CipherSuiteConformance, IdentityAndKeyConformance,
        LifetimeConformance, ActivationConformance, UplinkConformance, DownlinkConformance, RobustnessConformance {
}
