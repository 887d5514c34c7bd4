package dev.enoscoap.conformance.suite;

import org.opentest4j.TestAbortedException;

/**
 * Verdict: the purpose could not be judged because a prerequisite failed (the client never
 * connected, or another purpose's failure stopped it). Never disguised as pass or fail.
 */
public class Inconclusive extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    public Inconclusive(String message) {
        super("inconclusive: " + message);
    }
}
