package dev.enoscoap.mock.journal;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.LogText;
import java.time.Instant;

/**
 * A scripted fault the mock applied.
 *
 * @param sequence position in the journal
 * @param time when it was applied
 * @param device the device it hit, or {@code null} for a fault on a path for every device
 * @param kind which fault
 * @param detail what exactly happened
 */
public record FaultEntry(long sequence, Instant time, DeviceId device, Kind kind, String detail) implements JournalEntry {

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

    @Override
    public String describe() {
        return LogText.oneLine("fault " + kind + (device == null ? "" : " device=" + LogText.escape(device.toString()))
                + " | " + LogText.escape(detail));
    }
}
