package dev.enoscoap.conformance.suite;

/** How binding a test purpose is: a failed or inconclusive MUST purpose fails the run, a SHOULD purpose never does. */
public enum Level {
    /** A failure, or a verdict that proves nothing, fails the conformance run. */
    MUST,
    /** A failure is reported but does not fail the run. */
    SHOULD;

    /** Whether this level decides the run's gate. */
    public boolean gates() {
        return this == MUST;
    }
}
