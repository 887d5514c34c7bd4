package dev.enoscoap.conformance.observe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.conformance.report.ConformanceReport;
import dev.enoscoap.mock.protocol.DeviceId;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apiguardian.api.API;

/**
 * The verdicts of an observation session: one {@link ConformanceReport} per device, each with a
 * row for every purpose that can be judged by observation.
 *
 * @param reports the report of each device, in the order the session was given them
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ObservationResults(Map<DeviceId, ConformanceReport> reports) {

    public ObservationResults {
        reports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(reports));
    }

    /** The report of the only device of the session. */
    public ConformanceReport report() {
        if (reports.size() != 1) {
            throw new IllegalStateException("the session judged " + reports.size() + " devices " + reports.keySet()
                    + "; ask for one with report(device)");
        }
        return reports.values().iterator().next();
    }

    /** The report of {@code device}. */
    public ConformanceReport report(DeviceId device) {
        ConformanceReport r = reports.get(device);
        if (r == null) {
            throw new NoSuchElementException("the session did not judge " + device + "; it judged " + reports.keySet());
        }
        return r;
    }

    /** Whether every device passed the gate: no MUST purpose failed or was inconclusive. */
    public boolean gatePassed() {
        return !reports.isEmpty() && reports.values().stream().allMatch(ConformanceReport::gatePassed);
    }
}
