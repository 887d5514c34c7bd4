package dev.enoscoap.junit;

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
public class JournalAssert extends AbstractJournalAssert<JournalAssert> {

    /** Assertions over {@code actual}; {@link EnosAssertions#assertThat(JournalView)} is the usual way in. */
    public JournalAssert(JournalView actual) {
        super(actual, JournalAssert.class);
    }
}
