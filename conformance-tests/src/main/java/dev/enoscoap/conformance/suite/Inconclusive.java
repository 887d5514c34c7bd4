package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Optional;
import org.apiguardian.api.API;
import org.opentest4j.TestAbortedException;

/**
 * Verdict: the purpose could not be judged, because a prerequisite purpose failed (then
 * {@link #prerequisite()} names it), the client never connected, or it did not answer in time.
 * Never disguised as pass or fail.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class Inconclusive extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    private final String prerequisite;

    /** Inconclusive for a reason of its own, not because another purpose failed. */
    public Inconclusive(String message) {
        this(null, message);
    }

    private Inconclusive(String prerequisite, String message) {
        super("inconclusive: " + message);
        this.prerequisite = prerequisite;
    }

    /**
     * Inconclusive because the prerequisite purpose {@code purposeId} (e.g. {@code ENOS-KEY-01})
     * failed or could not be judged.
     */
    public static Inconclusive becauseOf(String purposeId, String message) {
        return new Inconclusive(purposeId, message);
    }

    /** The prerequisite purpose whose failure stopped this judgement, if that is why. */
    public Optional<String> prerequisite() {
        return Optional.ofNullable(prerequisite);
    }
}
