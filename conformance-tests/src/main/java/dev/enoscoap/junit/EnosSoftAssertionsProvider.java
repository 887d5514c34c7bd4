package dev.enoscoap.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.journal.Journal;
import org.apiguardian.api.API;
import org.assertj.core.api.SoftAssertionsProvider;

/**
 * The journal assertions as soft assertions, for any AssertJ soft-assertions class: implement it
 * next to AssertJ's providers to have both in one object, as {@link EnosSoftAssertions} does.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface EnosSoftAssertionsProvider extends SoftAssertionsProvider {

    /** Soft assertions over a test's view of the journal, as {@link EnosTestServer#journal()} gives it. */
    default JournalAssert assertThat(JournalView journal) {
        return proxy(JournalAssert.class, JournalView.class, journal);
    }

    /** Soft assertions over a server's whole journal. */
    default JournalAssert assertThat(Journal journal) {
        return proxy(JournalAssert.class, JournalView.class, JournalView.of(journal));
    }
}
