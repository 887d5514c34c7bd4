package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
import org.opentest4j.TestAbortedException;

/** Verdict: the purpose does not apply to this client (it lacks the capability). Shown as skipped. */
@API(status = EXPERIMENTAL, since = "0.1")
public class NotApplicable extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    public NotApplicable(String message) {
        super("not applicable: " + message);
    }
}
