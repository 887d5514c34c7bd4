package dev.enoscoap.conformance.observe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.conformance.report.ConformanceReportListener.PurposeJudged;
import dev.enoscoap.mock.protocol.DeviceId;
import org.apiguardian.api.API;

/**
 * Hears what an {@link ObservationSession} does as it goes: stages starting, stimuli applied,
 * verdicts landing, the end. Called on the session's thread; keep it quick.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ObservationListener {

    /** A device entered a stage of the plan. */
    default void stageStarted(DeviceId device, PlanStage stage) {
    }

    /** The stage's stimulus was applied to the device ({@code what} says what, or why not). */
    default void stimulusApplied(DeviceId device, PlanStage stage, String what) {
    }

    /** A purpose of the device got its verdict. */
    default void purposeJudged(DeviceId device, PurposeJudged judged) {
    }

    /** Every device has its verdicts. */
    default void finished(ObservationResults results) {
    }

    /** Tells {@code a}, then {@code b}. */
    static ObservationListener both(ObservationListener a, ObservationListener b) {
        return new ObservationListener() {
            @Override
            public void stageStarted(DeviceId device, PlanStage stage) {
                a.stageStarted(device, stage);
                b.stageStarted(device, stage);
            }

            @Override
            public void stimulusApplied(DeviceId device, PlanStage stage, String what) {
                a.stimulusApplied(device, stage, what);
                b.stimulusApplied(device, stage, what);
            }

            @Override
            public void purposeJudged(DeviceId device, PurposeJudged judged) {
                a.purposeJudged(device, judged);
                b.purposeJudged(device, judged);
            }

            @Override
            public void finished(ObservationResults results) {
                a.finished(results);
                b.finished(results);
            }
        };
    }
}
