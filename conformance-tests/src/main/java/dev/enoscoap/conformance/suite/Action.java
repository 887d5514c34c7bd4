package dev.enoscoap.conformance.suite;

import dev.enoscoap.conformance.spi.Capability;

/** A client action and the capability that covers it: an action of a declared capability must be implemented. */
enum Action {
    CONNECT("connect", Capability.SECURE_MODE_2),
    ACTIVATE("activate", Capability.SECURE_MODE_3),
    REPORT("report", Capability.UPLINK),
    REPORT_BATCH("report-batch", Capability.UPLINK_BATCH),
    RESUME("resume", Capability.UPLINK_RESUME),
    EVENT("event", Capability.EVENT),
    ATTRIBUTES("attributes", Capability.ATTRIBUTE),
    COMMANDS("commands", Capability.DOWNLINK);

    private final String word;
    private final Capability capability;

    Action(String word, Capability capability) {
        this.word = word;
        this.capability = capability;
    }

    String word() {
        return word;
    }

    Capability capability() {
        return capability;
    }
}
