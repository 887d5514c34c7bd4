package dev.enoscoap.conformance.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The verdict on one test purpose, ordered from worst to best: a purpose judged by several tests
 * (a parameterized purpose) takes the worst verdict of its tests.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Verdict {
    /** The client broke the rule. */
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
    /** No test of the purpose ran (it was not selected). */
    NOT_RUN;

    /** The worse of two verdicts. */
    public Verdict worst(Verdict other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** How the reports show it: {@code PASS}, {@code FAIL}, {@code INCONCLUSIVE}, {@code NOT APPLICABLE}, {@code NOT RUN}. */
    public String label() {
        return name().replace('_', ' ');
    }

    /** The label in lower case, for counts ({@code 2 not applicable}). */
    String lower() {
        return label().toLowerCase(Locale.ROOT);
    }
}
