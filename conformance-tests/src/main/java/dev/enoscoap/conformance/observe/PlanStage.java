package dev.enoscoap.conformance.observe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One stage of an {@link ObservationPlan}: its stimulus is applied when it starts, and it ends when
 * every purpose it lists has a verdict or its time runs out (a purpose still waiting is then
 * inconclusive: "the device did not … within N s").
 *
 * @param name e.g. {@code retransmission}
 * @param stimulus what the mock does to the device when the stage starts
 * @param timeout how long the stage waits for the device
 * @param purposes the purposes it judges, in catalogue ids
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PlanStage(String name, Stimulus stimulus, Duration timeout, List<String> purposes) {

    public PlanStage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(stimulus, "stimulus");
        Objects.requireNonNull(timeout, "timeout");
        purposes = List.copyOf(purposes);
    }

    /** The same stage judging only {@code kept} of its purposes. */
    PlanStage keeping(java.util.Collection<String> kept) {
        return new PlanStage(name, stimulus, timeout, purposes.stream().filter(kept::contains).toList());
    }
}
