package dev.enoscoap.mock.protocol;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;
/**
 * The codes inside an EnOS reply body (EC-11): 200 for success, else an application error.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum ReplyCode {
    OK(200, "success"),
    MESSAGE_TOO_LARGE(1008, "message too large"),
    NO_WRITE_PERMISSION(1009, "no write permission"),
    MODEL_VALIDATION_FAILED(1204, "model validation failed"),
    ATTRIBUTE_FORMAT_ERROR(1207, "attribute format error"),
    PAYLOAD_FORMAT_ERROR(1220, "payload format error"),
    PAYLOAD_EMPTY(1251, "payload empty"),
    METHOD_MISMATCH(1260, "method does not match the topic");

    private final int code;
    private final String text;

    ReplyCode(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The number in the reply's {@code code} member. */
    public int code() {
        return code;
    }

    /** What the code means. */
    public String text() {
        return text;
    }
}
