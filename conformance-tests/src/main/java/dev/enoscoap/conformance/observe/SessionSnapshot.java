package dev.enoscoap.conformance.observe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * An observation session as it stands: what the live page shows and its JSON route returns.
 *
 * @param server the mock's address, e.g. {@code coaps://127.0.0.1:5684}
 * @param plan the plan's name
 * @param started when the session started
 * @param now when this snapshot was taken
 * @param secondsLeft seconds until the session's time limit
 * @param finished whether every device has its verdicts
 * @param gate {@code PASSED} or {@code FAILED} once finished, else {@code null}
 * @param devices each device under observation
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SessionSnapshot(String server, String plan, Instant started, Instant now, long secondsLeft,
        boolean finished, String gate, List<Device> devices) {

    /**
     * One device.
     *
     * @param device {@code productKey/deviceKey}
     * @param stage the stage it is in, {@code done} at the end
     * @param stageSecondsLeft seconds until that stage's timeout
     * @param stages the plan's stages for this device
     * @param purposes each purpose with its state
     * @param journal the device's last journal lines, newest last
     * @param gate {@code PASSED} or {@code FAILED} once its verdicts are in, else {@code null}
     */
    public record Device(String device, String stage, long stageSecondsLeft, List<Stage> stages, List<Purpose> purposes,
            List<String> journal, String gate) {
    }

    /**
     * A stage of the plan.
     *
     * @param name its name
     * @param stimulus what it does to the device
     * @param timeoutSeconds its timeout
     * @param state {@code waiting}, {@code running} or {@code done}
     */
    public record Stage(String name, String stimulus, long timeoutSeconds, String state) {
    }

    /**
     * A purpose.
     *
     * @param id e.g. {@code ENOS-ROB-01}
     * @param level MUST or SHOULD
     * @param clause e.g. {@code EC-1}
     * @param title what it checks
     * @param stage the stage that judges it
     * @param state {@code waiting}, {@code stimulus applied}, {@code pass}, {@code fail}, {@code inconclusive} or
     *        {@code not applicable}
     * @param evidence what decided it (empty while waiting)
     * @param seconds how long it took from its stage's start
     * @param prerequisite for an inconclusive purpose stopped by another one, that purpose
     */
    public record Purpose(String id, String level, String clause, String title, String stage, String state,
            String evidence, double seconds, String prerequisite) {
    }
}
