package dev.enoscoap.mock.wire;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.protocol.PskIdentity;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.apiguardian.api.API;

/**
 * One transmission of a CoAP request as it arrived, before deduplication: a retransmission shows
 * again with the same Message ID and token, and a request a scripted fault dropped shows with
 * {@link #dropped()} set. The journal, by contrast, holds each request the server handled once.
 *
 * @param time when it arrived, on the server's clock
 * @param peer the client's address
 * @param identity the DTLS session's PSK identity, or {@code null} if it came without a well-formed one
 * @param method the request method, e.g. {@code POST}
 * @param path the Uri-Path joined with {@code /}, starting with {@code /}
 * @param confirmable whether it was confirmable
 * @param messageId its Message ID
 * @param token its token in hex
 * @param payloadSize its payload size in bytes
 * @param payloadHash a hash of its payload, so that a retransmission can be told from a new request
 *        that reuses the Message ID and token
 * @param dropped whether a scripted fault dropped it without a response
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ReceivedRequest(Instant time, InetSocketAddress peer, PskIdentity identity, String method, String path,
        boolean confirmable, int messageId, String token, int payloadSize, int payloadHash, boolean dropped) {

    /** The device of the session, or {@code null}. */
    public DeviceId device() {
        return identity == null ? null : identity.device();
    }
}
