package dev.enoscoap.mock.journal;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.DeviceId;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * One thing the mock server saw: a handshake attempt, a request with its response, a change of a
 * device's state, or a scripted fault it applied. Entries are immutable and numbered in the order they were recorded.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public sealed interface JournalEntry permits HandshakeEntry, ExchangeEntry, StateChange, FaultEntry, ServerEvent {

    /** Position in the journal, from 1, never reused (also not after entries are dropped or cleared). */
    long sequence();

    /** When the server recorded it, on the server's clock. */
    Instant time();

    /**
     * The device it is about, or {@code null}: a handshake without a well-formed identity, a request
     * without a session, a fault on a path for every device, a server event of no one device.
     */
    DeviceId device();

    /**
     * The entry as exactly one readable log line: every field that came from a peer has its control
     * characters escaped, so no input can end the line or forge another. Secrets and keys never
     * appear in it.
     */
    String describe();
}
