package dev.enoscoap.mock.journal;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.LogText;
import dev.enoscoap.mock.protocol.PskIdentity;
import dev.enoscoap.mock.protocol.ResponseCode;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * A CoAP request and the response the mock sent.
 *
 * @param sequence position in the journal
 * @param time when the request was handled
 * @param peer the client's address
 * @param identity the DTLS session's PSK identity, or {@code null} if the request came without one
 * @param method the request method, e.g. {@code POST}
 * @param path the Uri-Path joined with {@code /}, starting with {@code /}
 * @param confirmable whether the request was confirmable (EC-1)
 * @param messageId the request's Message ID
 * @param token the request's token in hex
 * @param contentFormat the request's Content-Format, or -1 if absent
 * @param payloadSize the request payload size in bytes
 * @param responseCode the response code, e.g. {@code 2.05}
 * @param responseContentFormat the response's Content-Format, or -1 if absent
 * @param responsePayloadSize the response payload size in bytes
 * @param replyCode the {@code code} inside the EnOS reply body (200, 1220, …), or -1 when there was none
 * @param enosMethod the {@code method} of the request body, when it was EnOS JSON, else {@code null}
 * @param commandTopic the value of option 2100 on the response (a command waits), or {@code null}
 * @param note why the mock answered as it did, for any answer other than plain success
 * @param scripted whether a scripted fault ({@code faults().overrideResponse}) replaced the mock's own answer
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ExchangeEntry(long sequence, Instant time, InetSocketAddress peer, PskIdentity identity, String method,
        String path, boolean confirmable, int messageId, String token, int contentFormat, int payloadSize,
        String responseCode, int responseContentFormat, int responsePayloadSize, int replyCode, String enosMethod,
        String commandTopic, String note, boolean scripted)
        implements JournalEntry {

    /** A request answered by the mock itself, not by a scripted response. */
    public ExchangeEntry(long sequence, Instant time, InetSocketAddress peer, PskIdentity identity, String method,
            String path, boolean confirmable, int messageId, String token, int contentFormat, int payloadSize,
            String responseCode, int responseContentFormat, int responsePayloadSize, int replyCode, String enosMethod,
            String commandTopic, String note) {
        this(sequence, time, peer, identity, method, path, confirmable, messageId, token, contentFormat, payloadSize,
                responseCode, responseContentFormat, responsePayloadSize, replyCode, enosMethod, commandTopic, note, false);
    }

    /** The device of the session, or {@code null}. */
    public DeviceId device() {
        return identity == null ? null : identity.device();
    }

    /** Whether the response code is a success (2.xx). */
    public boolean succeeded() {
        return ResponseCode.isSuccess(responseCode);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("request ").append(method).append(' ')
                .append(LogText.escape(path).replace(" ", "\\u0020"))
                .append(" -> ").append(responseCode)
                .append(" device=").append(identity == null ? "(none)" : LogText.escape(identity.device().toString())
                        + " mode=" + identity.secureMode().code())
                .append(confirmable ? " CON" : " NON")
                .append(" mid=").append(messageId)
                .append(" token=").append(token.isEmpty() ? "(empty)" : LogText.escape(token))
                .append(" in=").append(payloadSize).append('B');
        if (contentFormat >= 0) {
            sb.append(" cf=").append(contentFormat);
        }
        sb.append(" out=").append(responsePayloadSize).append('B');
        if (enosMethod != null) {
            sb.append(" method=").append(LogText.escape(enosMethod).replace(" ", "\\u0020"));
        }
        if (replyCode >= 0) {
            sb.append(" code=").append(replyCode);
        }
        if (commandTopic != null) {
            sb.append(" 2100=").append(LogText.escape(commandTopic));
        }
        if (note != null && !note.isEmpty()) {
            sb.append(" | ").append(LogText.escape(note));
        }
        return LogText.oneLine(sb.toString());
    }
}
