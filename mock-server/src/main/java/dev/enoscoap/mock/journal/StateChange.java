package dev.enoscoap.mock.journal;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.LogText;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * A change of a device's state.
 *
 * @param sequence position in the journal
 * @param time when it happened on the server's clock
 * @param device the device
 * @param kind what changed
 * @param detail more in words
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record StateChange(long sequence, Instant time, DeviceId device, Kind kind, String detail)
        implements JournalEntry {

    /** The kinds of state change. */
    public enum Kind {
        /** The device became online: a handshake or request after being offline (EC-7). */
        ONLINE,
        /** The device went Lifetime seconds without a message exchange (EC-7). */
        OFFLINE,
        /** The device was served its secret by an activation request (EC-10). */
        ACTIVATED,
        /** An unknown device key was added to its product by auto-registration (EC-5). */
        REGISTERED
    }

    @Override
    public String describe() {
        return LogText.oneLine("device " + LogText.escape(device.toString()) + " " + kind
                + (detail == null || detail.isEmpty() ? "" : " | " + LogText.escape(detail)));
    }
}
