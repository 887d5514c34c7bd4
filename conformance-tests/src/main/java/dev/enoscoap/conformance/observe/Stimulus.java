package dev.enoscoap.conformance.observe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.CommandKind;
import org.apiguardian.api.API;

/**
 * What the mock does to a device at the start of a plan stage, so that a purpose can be judged
 * from how the device reacts. Each is a scripted fault or a queued command of the mock; the mock
 * journals it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface Stimulus {

    /** The {@code type} in a plan file, e.g. {@code drop-request}. */
    String type();

    /** What it does, in words. */
    String describe();

    /** Nothing: the stage watches what the device does by itself. */
    record None() implements Stimulus {
        @Override
        public String type() {
            return "none";
        }

        @Override
        public String describe() {
            return "nothing; the device is watched";
        }
    }

    /**
     * Drops the device's next confirmable request and then its retransmissions, {@code transmissions}
     * in all, without any answer; the transmission after them is answered.
     *
     * @param transmissions how many transmissions to drop, 1..4 (2 shows the doubled timeout)
     */
    record DropRequest(int transmissions) implements Stimulus {
        @Override
        public String type() {
            return "drop-request";
        }

        @Override
        public String describe() {
            return "drop the next confirmable request" + (transmissions == 1 ? "" : " and its first "
                    + (transmissions == 2 ? "retransmission" : (transmissions - 1) + " retransmissions"));
        }
    }

    /**
     * Queues {@code count} downlink commands (measure point set) for the device; the mock announces
     * them with option 2100 on its next responses (EC-12).
     *
     * @param count how many, 1..10
     */
    record Commands(int count) implements Stimulus {
        @Override
        public String type() {
            return "commands";
        }

        @Override
        public String describe() {
            return "queue " + count + " command" + (count == 1 ? "" : "s") + " (" + CommandKind.MEASUREPOINT_SET.method(null) + ")";
        }
    }

    /**
     * Answers the device's next measure point upload with 2.04 and {@code replyCode} in the reply
     * JSON (EC-11) instead of 200.
     *
     * @param replyCode the application error code, e.g. 1220
     */
    record ApplicationError(int replyCode) implements Stimulus {
        @Override
        public String type() {
            return "application-error";
        }

        @Override
        public String describe() {
            return "answer the next measure point upload with 2.04 and reply code " + replyCode;
        }
    }

    /**
     * Refuses the device's next {@code refuseHandshakes} handshakes and, if {@code forgetSession},
     * forgets its DTLS session at once without telling it.
     *
     * @param refuseHandshakes handshakes to refuse, 0..5
     * @param forgetSession whether to forget the session
     */
    record LoseSession(int refuseHandshakes, boolean forgetSession) implements Stimulus {
        @Override
        public String type() {
            return "lose-session";
        }

        @Override
        public String describe() {
            String refuse = refuseHandshakes == 0 ? "" : "refuse the next " + (refuseHandshakes == 1 ? "handshake"
                    : refuseHandshakes + " handshakes");
            String forget = forgetSession ? "forget the DTLS session without an alert" : "";
            return refuse.isEmpty() ? forget : forget.isEmpty() ? refuse : refuse + ", then " + forget;
        }
    }
}
