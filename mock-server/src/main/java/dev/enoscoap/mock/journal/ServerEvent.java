package dev.enoscoap.mock.journal;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.LogText;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * Something the server did or counted that is not one handshake, request or device state: a limit
 * reached and what it dropped (a state file that cannot be written counts as the limit
 * {@code state-write}), refusals or malformed datagrams counted instead of journaled one by one, a
 * registry reload, state restored from the state directory.
 *
 * @param sequence position in the journal
 * @param time when it was recorded
 * @param kind what happened
 * @param what the counter or limit concerned, e.g. {@code measure-points} or
 *        {@code malformed-client-hello}
 * @param device the device concerned, or {@code null}
 * @param count how many times it happened since the last entry of this kind and counter
 * @param detail more in words (the rule, the interval, a breakdown)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ServerEvent(long sequence, Instant time, Kind kind, String what, DeviceId device, long count,
        String detail) implements JournalEntry {

    /** The kinds of server event. */
    public enum Kind {
        /** A limit was reached: the first time in an interval at once, then one summary with the count. */
        LIMIT_REACHED,
        /** Events of one sort were counted rather than journaled one by one (malformed datagrams, floods). */
        SUPPRESSED,
        /** The registry was reloaded. */
        REGISTRY_RELOADED,
        /** A registry reload failed; the registry in use was kept. */
        REGISTRY_RELOAD_FAILED,
        /** Devices and commands were restored from the state directory at start. */
        STATE_RESTORED
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("server ").append(kind).append(' ').append(LogText.escape(what));
        if (device != null) {
            sb.append(" device=").append(LogText.escape(device.toString()));
        }
        sb.append(" count=").append(count);
        if (detail != null && !detail.isEmpty()) {
            sb.append(" | ").append(LogText.escape(detail));
        }
        return LogText.oneLine(sb.toString());
    }
}
