package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.journal.Journal;
import org.apiguardian.api.API;
import org.assertj.core.api.Assertions;

/**
 * AssertJ's {@link Assertions} plus assertions over the mock server's journal; one static
 * import gives both:
 *
 * <pre>{@code
 * import static dev.enoscoap.junit.EnosAssertions.assertThat;
 *
 * assertThat(server.journal()).hasAcceptedHandshake(dev).hasUplink(dev, "thing.measurepoint.post");
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class EnosAssertions extends Assertions {

    /** Not for instances; extend it to add assertions of your own. */
    protected EnosAssertions() {
    }

    /** Assertions over a test's view of the journal, as {@link EnosTestServer#journal()} gives it. */
    public static JournalAssert assertThat(JournalView journal) {
        return new JournalAssert(journal);
    }

    /** Assertions over a server's whole journal. */
    public static JournalAssert assertThat(Journal journal) {
        return new JournalAssert(JournalView.of(journal));
    }
}
