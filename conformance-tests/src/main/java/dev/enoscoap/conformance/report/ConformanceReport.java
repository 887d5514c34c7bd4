package dev.enoscoap.conformance.report;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts of one run of the suites against one client.
 *
 * @param kitVersion the version of the conformance kit
 * @param suite the class that ran the suites
 * @param clientName the client's declared name
 * @param clientVersion the client's declared version
 * @param capabilities the capabilities the client declared
 * @param started when the run started
 * @param finished when it finished
 * @param purposes one row per purpose, in catalogue order
 */
public record ConformanceReport(String kitVersion, String suite, String clientName, String clientVersion,
        List<String> capabilities, Instant started, Instant finished, List<PurposeVerdict> purposes) {

    public ConformanceReport {
        capabilities = List.copyOf(capabilities);
        purposes = List.copyOf(purposes);
    }

    /**
     * The verdict on one purpose.
     *
     * @param id the purpose id, e.g. {@code ENOS-KEY-01}
     * @param level {@code MUST} or {@code SHOULD}
     * @param title what it checks
     * @param clause the clause, e.g. {@code EC-6}
     * @param quote the clause's words
     * @param verdict the verdict
     * @param meaning what the verdict means for this purpose, from the catalogue
     * @param tests how many tests judged it
     * @param evidence the messages behind the verdict (empty for a pass)
     */
    public record PurposeVerdict(String id, String level, String title, String clause, String quote, Verdict verdict,
            String meaning, int tests, String evidence) {

        /** Whether a failure of this purpose fails the run. */
        public boolean must() {
            return "MUST".equals(level);
        }
    }

    /** How many purposes got each verdict. */
    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        purposes.forEach(p -> counts.merge(p.verdict(), 1, Integer::sum));
        return counts;
    }

    /**
     * Whether the client passes the gate: no MUST purpose failed or was inconclusive (an
     * inconclusive MUST purpose proves nothing), and at least one purpose passed.
     */
    public boolean gatePassed() {
        boolean mustBroken = purposes.stream().anyMatch(p -> p.must()
                && (p.verdict() == Verdict.FAIL || p.verdict() == Verdict.INCONCLUSIVE));
        return !mustBroken && purposes.stream().anyMatch(p -> p.verdict() == Verdict.PASS);
    }
}
