package dev.enoscoap.conformance.report;

/**
 * The verdict on one test purpose, ordered from worst to best: a purpose judged by several tests
 * (a parameterized purpose) takes the worst verdict of its tests.
 */
public enum Verdict {
    /** The client broke the rule (the test threw {@code AssertionFailedError}). */
    FAIL,
    /**
     * The purpose could not be judged: a prerequisite failed, the client did not return in time,
     * or the test ended with an unexpected error. Nothing was proven either way.
     */
    INCONCLUSIVE,
    /** The client followed the rule. */
    PASS,
    /** The client lacks the capability the purpose needs, or said it cannot do the thing. */
    NOT_APPLICABLE,
    /** No test of the purpose ran (its area was not selected). */
    NOT_RUN;

    /** The worse of two verdicts. */
    Verdict worst(Verdict other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** How the report shows it. */
    public String label() {
        return name().replace('_', ' ');
    }
}
