package dev.enoscoap.conformance.suite;

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
public interface EnosConformanceSuite extends BaselineConformance, CipherSuiteConformance, IdentityAndKeyConformance,
        LifetimeConformance, ActivationConformance, UplinkConformance, DownlinkConformance, RobustnessConformance {
}
