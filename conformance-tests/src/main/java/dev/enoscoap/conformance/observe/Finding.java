package dev.enoscoap.conformance.observe;

import dev.enoscoap.conformance.report.Verdict;

/**
 * What a judgement found: a verdict with its words. For a failure, what was expected and what was
 * observed; for a pass, a note on what was seen; for an inconclusive verdict, why, and the purpose
 * whose failure explains it, if one does.
 */
record Finding(Verdict verdict, String expected, String observed, String prerequisite) {

    static Finding pass(String seen) {
        return new Finding(Verdict.PASS, null, seen, null);
    }

    static Finding fail(String expected, String observed) {
        return new Finding(Verdict.FAIL, expected, observed, null);
    }

    static Finding inconclusive(String why) {
        return new Finding(Verdict.INCONCLUSIVE, null, why, null);
    }

    static Finding because(String purpose, String why) {
        return new Finding(Verdict.INCONCLUSIVE, null, why, purpose);
    }

    static Finding notApplicable(String why) {
        return new Finding(Verdict.NOT_APPLICABLE, null, why, null);
    }
}
