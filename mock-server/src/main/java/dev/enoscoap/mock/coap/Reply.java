package dev.enoscoap.mock.coap;

import java.nio.charset.StandardCharsets;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;

/**
 * A response to send, with the reason the mock chose it.
 *
 * @param code the CoAP response code
 * @param payload the payload, possibly empty
 * @param contentFormat the Content-Format, or -1 for none
 * @param note why the mock answered so, for the journal and the log
 * @param replyCode the {@code code} inside an EnOS reply body, or -1
 * @param enosMethod the EnOS method of the request body, or {@code null}
 */
record Reply(ResponseCode code, byte[] payload, int contentFormat, String note, int replyCode, String enosMethod) {

    Reply(ResponseCode code, byte[] payload, int contentFormat, String note) {
        this(code, payload, contentFormat, note, -1, null);
    }

    static Reply json(ResponseCode code, byte[] json, String note) {
        return new Reply(code, json, MediaTypeRegistry.APPLICATION_JSON, note);
    }

    /**
     * An error with its reason as a diagnostic payload (RFC 7252 §5.5.2), so a developer sees the
     * rule on the wire too.
     */
    static Reply error(ResponseCode code, String reason) {
        return new Reply(code, reason.getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.TEXT_PLAIN, reason);
    }
}
