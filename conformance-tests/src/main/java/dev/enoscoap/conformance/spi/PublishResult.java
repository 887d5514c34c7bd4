package dev.enoscoap.conformance.spi;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.ReplyCode;
import dev.enoscoap.mock.protocol.ResponseCode;
import org.apiguardian.api.API;

/**
 * What a client saw when it reported data.
 *
 * @param coapCode the CoAP response code, e.g. {@code 2.04}
 * @param replyCode the {@code code} of the EnOS reply body, or -1 if the client cannot tell
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PublishResult(String coapCode, int replyCode) {

    /** Whether the client saw success: 2.xx and reply code 200 (or no reply code). */
    public boolean succeeded() {
        return ResponseCode.isSuccess(coapCode) && (replyCode == ReplyCode.OK.code() || replyCode == -1);
    }
}
