package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * AssertJ assertions over what the mock server saw. A failure lists the journal, near misses
 * first: entries of the same device, or requests to the same path.
 *
 * <pre>{@code
 * assertThat(server.journal())
 *         .hasAcceptedHandshake(dev)
 *         .hasRequest(dev, "POST", "/topic/sys/demoProduct/dev01/thing/measurepoint/post")
 *         .hasOnline(dev);
 * }</pre>
 *
 * <p>Soft, collecting every failure: {@link EnosSoftAssertions}. Assertions of your own: extend
 * {@link AbstractJournalAssert}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class JournalAssert extends AbstractJournalAssert<JournalAssert> {

    /** Assertions over {@code actual}; {@link EnosAssertions#assertThat(JournalView)} is the usual way in. */
    public JournalAssert(JournalView actual) {
        super(actual, JournalAssert.class);
    }
}
