package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/** How a test purpose can be judged. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum JudgedBy {
    /** The kit drives the client through an adapter or a command-line shim, one action at a time. */
    ACTIVE,
    /** The kit watches a device that runs on its own, pointed at a running mock, and judges what arrives on the wire. */
    OBSERVATION
}
