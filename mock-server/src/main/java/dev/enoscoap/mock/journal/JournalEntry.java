package dev.enoscoap.mock.journal;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

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
     * The entry as exactly one readable log line: every field that came from a peer has its control
     * characters escaped, so no input can end the line or forge another. Secrets and keys never
     * appear in it.
     */
    String describe();
}
