package dev.enoscoap.conformance.suite;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * The verdicts so far of one run of one suite class (one client), kept in JUnit's root store, so
 * a purpose whose prerequisite failed or was inconclusive is judged inconclusive at once.
 */
final class Ledger {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Ledger.class);

    enum State { PASSED, FAILED, INCONCLUSIVE, NOT_APPLICABLE }

    /**
     * @param contractOnly a failure only because the client answered "not implemented" for a declared
     *        capability; what the purpose establishes may still hold, so it stops no dependent
     */
    record Verdict(State state, String message, boolean contractOnly) {
        boolean stops() {
            return (state == State.FAILED && !contractOnly) || state == State.INCONCLUSIVE;
        }
    }

    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

    static Ledger of(ExtensionContext context) {
        String key = Ledger.class.getName() + ":" + context.getRequiredTestClass().getName();
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> new Ledger(), Ledger.class);
    }

    /** Records a test's ending; a purpose with several tests keeps its worst verdict. */
    void record(String purpose, Throwable thrown) {
        Verdict v = thrown == null ? new Verdict(State.PASSED, "", false)
                : thrown instanceof NotApplicable ? new Verdict(State.NOT_APPLICABLE, thrown.getMessage(), false)
                : thrown instanceof AssertionFailedError ? new Verdict(State.FAILED, thrown.getMessage(),
                        thrown instanceof Judge.NotImplementedFailure)
                : new Verdict(State.INCONCLUSIVE, String.valueOf(thrown.getMessage()), false);
        verdicts.merge(purpose, v, (a, b) -> rank(b) < rank(a) ? b : a);
    }

    private static int rank(Verdict v) {
        return switch (v.state()) {
            case FAILED -> v.contractOnly() ? 1 : 0;
            case INCONCLUSIVE -> 2;
            case PASSED -> 3;
            case NOT_APPLICABLE -> 4;
        };
    }

    Optional<Verdict> verdict(String purpose) {
        return Optional.ofNullable(verdicts.get(purpose));
    }
}
