package dev.enoscoap.mock.fault;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.ResponseCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A scripted response for a path: another code, payload or delay, for a number of requests.
 *
 * @param code the CoAP response code as {@code c.dd}, e.g. {@code 5.00}; {@code null} keeps the real answer's
 * @param payload the payload to send instead, or {@code null} to keep the real answer's
 * @param contentFormat the Content-Format of {@code payload}, or -1
 * @param delay how long to hold the response back (real time)
 * @param times how many requests it applies to; -1 for all
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ResponseOverride(String code, byte[] payload, int contentFormat, Duration delay, int times) {

    public ResponseOverride {
        if (code != null && !ResponseCode.isWellFormed(code)) {
            throw new IllegalArgumentException("response code must look like 2.05 or 5.00, was '" + code + "'");
        }
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        if (times == 0 || times < -1) {
            throw new IllegalArgumentException("times must be positive, or -1 for every request; was " + times);
        }
    }

    /** Answer with {@code code} (e.g. {@code 5.00}) and no payload, once. */
    public static ResponseOverride code(String code) {
        return new ResponseOverride(code, new byte[0], -1, Duration.ZERO, 1);
    }

    /** Answer with {@code code} and a JSON payload, once. */
    public static ResponseOverride json(String code, String json) {
        return new ResponseOverride(code, json.getBytes(StandardCharsets.UTF_8), 50, Duration.ZERO, 1);
    }

    /** Keep the real answer but send it after {@code delay}, once. */
    public static ResponseOverride delay(Duration delay) {
        return new ResponseOverride(null, null, -1, delay, 1);
    }

    /** The same override for {@code n} requests ({@code -1}: all). */
    public ResponseOverride times(int n) {
        return new ResponseOverride(code, payload, contentFormat, delay, n);
    }

    @Override
    public String toString() {
        return "ResponseOverride[code=" + (code == null ? "real" : code) + ", payload="
                + (payload == null ? "real" : payload.length + "B") + ", delay=" + delay + ", times=" + times + "]";
    }
}
