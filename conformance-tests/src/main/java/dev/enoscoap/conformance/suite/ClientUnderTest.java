package dev.enoscoap.conformance.suite;

import dev.enoscoap.conformance.spi.EnosClientAdapter;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The root of every conformance suite: the one method a vendor writes. Each test gets a fresh
 * adapter from it and closes it afterwards.
 */
@ExtendWith(ConformanceExtension.class)
public interface ClientUnderTest {

    /** A new adapter for the client under test. */
    EnosClientAdapter adapter(SuiteConfig config);
}
