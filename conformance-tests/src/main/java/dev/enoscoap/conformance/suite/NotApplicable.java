package dev.enoscoap.conformance.suite;

import org.opentest4j.TestAbortedException;

/** Verdict: the purpose does not apply to this client (it lacks the capability). Shown as skipped. */
public class NotApplicable extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    public NotApplicable(String message) {
        super("not applicable: " + message);
    }
}
