package dev.enoscoap.conformance.suite;

import dev.enoscoap.mock.protocol.ResponseCode;
import java.util.Optional;

/** How ENOS-ACT-05 refuses an activation request: an error code, or no answer at all. */
enum ActivationRefusal {
    FORBIDDEN(ResponseCode.FORBIDDEN),
    NOT_FOUND(ResponseCode.NOT_FOUND),
    INTERNAL_SERVER_ERROR(ResponseCode.INTERNAL_SERVER_ERROR),
    NO_ANSWER(null);

    private final ResponseCode code;

    ActivationRefusal(ResponseCode code) {
        this.code = code;
    }

    /** The answer's code, or empty when the request is dropped. */
    Optional<ResponseCode> code() {
        return Optional.ofNullable(code);
    }

    @Override
    public String toString() {
        return code == null ? "no answer" : code.toString();
    }
}
