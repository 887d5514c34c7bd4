package dev.enoscoap.conformance.observe;

import dev.enoscoap.conformance.report.Verdict;
import dev.enoscoap.conformance.spi.Capability;
import dev.enoscoap.mock.EnosMockServer;
import java.time.Instant;

/** What a judgement may look at besides the evidence: the time, the server, other verdicts. */
interface Context {
    Evidence evidence();

    /** Now, on the server's clock. */
    Instant now();

    EnosMockServer server();

    /** The verdict of another purpose of this device, or {@code null} while it waits (or is not judged). */
    Verdict verdictOf(String purpose);

    /** Whether the device declares the capability (or, for optional uploads, was seen using it). */
    boolean available(Capability capability);

    /** Whether the capability was declared for the session. */
    boolean declared(Capability capability);
}
