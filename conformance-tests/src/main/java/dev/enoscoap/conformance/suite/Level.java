package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/** How binding a test purpose is: a failed or inconclusive MUST purpose fails the run, a SHOULD purpose never does. */
@API(status = EXPERIMENTAL, since = "0.1")
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
