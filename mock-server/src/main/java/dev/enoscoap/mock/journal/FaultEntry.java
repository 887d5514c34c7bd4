package dev.enoscoap.mock.journal;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.LogText;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * A scripted fault the mock applied.
 *
 * @param sequence position in the journal
 * @param time when it was applied
 * @param device the device it hit, or {@code null} for a fault on a path for every device
 * @param kind which fault
 * @param request the request it hit, for {@link Kind#REQUEST_DROPPED}; else {@code null}
 * @param detail what exactly happened, in words
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record FaultEntry(long sequence, Instant time, DeviceId device, Kind kind, Request request, String detail)
        implements JournalEntry {

    /** The kinds of scripted fault. */
    public enum Kind {
        /** A response replaced by a scripted code, payload or delay. */
        RESPONSE_OVERRIDDEN,
        /** A request dropped without a response, so the client must retransmit. */
        REQUEST_DROPPED,
        /** A handshake refused on purpose. */
        HANDSHAKE_REFUSED,
        /** The device's DTLS session forgotten, so it must handshake again. */
        SESSION_FORGOTTEN
    }

    /**
     * The request a fault hit, as the mock received it.
     *
     * @param method the request method, e.g. {@code POST}
     * @param path the Uri-Path joined with {@code /}, starting with {@code /}
     * @param messageId the request's Message ID
     * @param token the request's token in hex
     */
    public record Request(String method, String path, int messageId, String token) {
        @Override
        public String toString() {
            return method + " " + path + " mid=" + messageId + " token=" + (token.isEmpty() ? "(empty)" : token);
        }
    }

    /** A fault that hit no particular request. */
    public FaultEntry(long sequence, Instant time, DeviceId device, Kind kind, String detail) {
        this(sequence, time, device, kind, null, detail);
    }

    @Override
    public String describe() {
        return LogText.oneLine("fault " + kind + (device == null ? "" : " device=" + LogText.escape(device.toString()))
                + " | " + (request == null ? "" : LogText.escape(request.toString()) + " ") + LogText.escape(detail));
    }
}
