package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.conformance.spi.EnosClientAdapter;
import org.apiguardian.api.API;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The root of every conformance suite: the one method a vendor writes. Each test gets a fresh
 * adapter from it and closes it afterwards. Tests run one at a time in catalogue order, every
 * purpose after those it needs, so a failed prerequisite stops its dependents at once.
 */
@ExtendWith(ConformanceExtension.class)
@TestMethodOrder(CatalogueOrder.class)
@Execution(ExecutionMode.SAME_THREAD)
@API(status = EXPERIMENTAL, since = "0.1")
public interface ClientUnderTest {

    /** A new adapter for the client under test. */
    EnosClientAdapter adapter(SuiteConfig config);
}
