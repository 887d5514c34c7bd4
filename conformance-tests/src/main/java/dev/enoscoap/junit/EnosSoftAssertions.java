package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.assertj.core.api.AbstractSoftAssertions;
import org.assertj.core.api.SoftAssertionsProvider;
import org.assertj.core.api.StandardSoftAssertionsProvider;

/**
 * AssertJ's soft assertions plus the journal assertions: every failure is collected, each with
 * its near misses, and reported together at the end.
 *
 * <pre>{@code
 * EnosSoftAssertions.assertSoftly(softly -> {
 *     softly.assertThat(server.journal()).hasAcceptedHandshake(dev).hasUplink(dev, "thing.measurepoint.post");
 *     softly.assertThat(response.getCode().text).isEqualTo("2.04");
 * });
 * }</pre>
 *
 * <p>Or with AssertJ's JUnit extension, which reports at the end of the test:
 *
 * <pre>{@code
 * @EnosCoapServer
 * @ExtendWith(SoftAssertionsExtension.class)
 * class MyTest {
 *     @InjectSoftAssertions
 *     EnosSoftAssertions softly;
 *     ...
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class EnosSoftAssertions extends AbstractSoftAssertions
        implements StandardSoftAssertionsProvider, EnosSoftAssertionsProvider {

    /** Collects soft assertions until {@link #assertAll()}. */
    public EnosSoftAssertions() {
    }

    /** Runs {@code softly} and then fails with every assertion that failed in it, if any. */
    public static void assertSoftly(Consumer<EnosSoftAssertions> softly) {
        SoftAssertionsProvider.assertSoftly(EnosSoftAssertions.class, softly);
    }
}
