package dev.enoscoap.conformance.suite;

/** How a test purpose can be judged. */
public enum JudgedBy {
    /** The kit drives the client through an adapter or a command-line shim, one action at a time. */
    ACTIVE,
    /** The kit watches a device that runs on its own, pointed at a running mock, and judges what arrives on the wire. */
    OBSERVATION
}
